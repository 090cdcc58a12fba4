'use strict';

const mongoose = require('mongoose');

const MONGO_URL = 'mongodb://localhost:27017/legacy-shop';

function connect() {
  return mongoose.connect(MONGO_URL, { useNewUrlParser: true });
}

module.exports = { connect };
