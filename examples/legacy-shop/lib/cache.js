'use strict';

const sqlite3 = require('sqlite3');
const redis = require('redis');

// The product catalogue is cached in a SQLite file beside the app.
const db = new sqlite3.Database('./data/catalogue.sqlite');

// Redis is optional: the URL comes from the environment, with a local default for development.
const client = redis.createClient({ url: process.env.REDIS_URL || 'redis://localhost:6379' });

function listProducts() {
  return new Promise((resolve, reject) => {
    db.all('SELECT id, name, price FROM products', (error, rows) => (error ? reject(error) : resolve(rows)));
  });
}

module.exports = { listProducts, client };
