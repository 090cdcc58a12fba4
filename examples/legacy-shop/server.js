'use strict';

require('dotenv').config();

const app = require('./app');
const db = require('./db');
const logger = require('./lib/logger');
require('./jobs/nightly-report');

const PORT = 3000;

db.connect().then(() => {
  app.listen(PORT, () => {
    logger.info(`legacy-shop listening on http://localhost:${PORT}`);
  });
});
