'use strict';

const express = require('express');
const fs = require('fs');
const path = require('path');

const router = express.Router();

// Product photos are kept next to the code and served by express.static.
router.post('/:productId/photo', express.raw({ type: 'image/*', limit: '5mb' }), (req, res) => {
  const fileName = `${req.params.productId}.jpg`;
  fs.writeFileSync(path.join(__dirname, '..', 'public', 'uploads', fileName), req.body);
  res.status(201).json({ url: `/uploads/${fileName}` });
});

module.exports = router;
