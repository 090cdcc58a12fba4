'use strict';

const express = require('express');
const os = require('os');
const path = require('path');
const { writeFile } = require('fs/promises');
const mailer = require('../lib/mailer');

const router = express.Router();

router.post('/', async (req, res) => {
  await mailer.sendOrderConfirmation(req.body);
  res.status(201).end();
});

// A CSV export is scratch data: written to the OS temp folder and streamed back.
router.get('/export', async (req, res) => {
  const file = path.join(os.tmpdir(), `orders-${Date.now()}.csv`);
  await writeFile(file, 'id,total\n');
  res.download(file);
});

module.exports = router;
