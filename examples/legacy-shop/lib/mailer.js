'use strict';

const nodemailer = require('nodemailer');

const transport = nodemailer.createTransport({
  host: 'mail.shop.internal',
  port: 25,
  auth: { user: process.env.MAIL_USER, pass: process.env.MAIL_PASSWORD },
});

function sendOrderConfirmation(order) {
  return transport.sendMail({
    from: 'shop@example.com',
    to: order.email,
    subject: `Order ${order.id} confirmed`,
    text: 'Thank you for your order.',
  });
}

module.exports = { sendOrderConfirmation };
