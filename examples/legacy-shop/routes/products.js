'use strict';

const express = require('express');
const cache = require('../lib/cache');

const router = express.Router();

router.get('/', async (req, res) => {
  res.json(await cache.listProducts());
});

module.exports = router;
