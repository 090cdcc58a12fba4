'use strict';

const express = require('express');
const session = require('express-session');
const bodyParser = require('body-parser');
const path = require('path');

const products = require('./routes/products');
const uploads = require('./routes/uploads');
const orders = require('./routes/orders');

const app = express();

app.set('views', path.join(__dirname, 'views'));
app.use(bodyParser.json());
app.use(express.static(path.join(__dirname, 'public')));

// Sessions live in this process's memory (express-session's default MemoryStore).
app.use(
  session({
    secret: 'keyboard cat',
    resave: false,
    saveUninitialized: true,
  }),
);

app.use('/products', products);
app.use('/uploads', uploads);
app.use('/orders', orders);

module.exports = app;
