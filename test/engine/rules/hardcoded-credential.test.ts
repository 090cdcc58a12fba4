import rule from '../../../src/engine/rules/hardcoded-credential';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'password from the environment', code: "const mysql = require('mysql2');\nmysql.createConnection({ host: process.env.DB_HOST, user: 'app', password: process.env.DB_PASSWORD });" },
    { name: 'placeholder password from a tutorial', code: "const mysql = require('mysql');\nmysql.createConnection({ host: 'localhost', user: 'yourusername', password: 'yourpassword' });" },
    { name: 'empty password of a local database', code: "const { Sequelize } = require('sequelize');\nnew Sequelize('shop', 'root', '', { dialect: 'mysql' });" },
    { name: 'a user seeded through a model is not a client credential', code: "const mongoose = require('mongoose');\nmongoose.model('User').create({ email: 'a@b.c', password: 'admin123' });" },
    { name: 'mongoose schema field', code: "const { Schema } = require('mongoose');\nnew Schema({ password: { type: String, required: true } });" },
    { name: 'DATABASE_URL fallback with local credentials', code: "const { Pool } = require('pg');\nnew Pool({ connectionString: process.env.DATABASE_URL || 'postgres://postgres:postgres@localhost/app' });" },
    { name: 'URL with a placeholder password', code: "mongoose.connect('mongodb://<user>:<password>@cluster0.mongodb.net/app');" },
    { name: 'labels of a connection form', code: "const labels = { host: 'Host', port: 'Port', password: 'Mot de passe' };" },
    { name: 'passport-local field names', code: "const LocalStrategy = require('passport-local').Strategy;\npassport.use(new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, verify));" },
  ],
  invalid: [
    {
      name: 'mysql password option',
      code: "const mysql = require('mysql');\nconst connection = mysql.createConnection({\n  host: 'localhost',\n  user: 'dbuser',\n  password: 's3kreee7',\n  database: 'my_db'\n});",
      errors: [{ messageId: 'literal', message: 'the mysql password is hard-coded: it ships with the code to every environment and cannot be rotated; read it from a required environment variable', line: 5, column: 13, endColumn: 23 }],
    },
    {
      name: 'Sequelize positional password (TypeScript, named import)',
      filename: 'src/db.ts',
      code: "import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize('communi_db', 'aswp_team', 'password12345', { host: 'localhost', dialect: 'mysql' });",
      errors: [{ messageId: 'literal', message: /^the sequelize password is hard-coded/, line: 2, column: 67 }],
    },
    {
      name: 'nodemailer auth.pass through a const options object',
      code: "const nodemailer = require('nodemailer');\nconst options = { service: 'gmail', auth: { user: 'shop@gmail.com', pass: 'Sh0pM41l!' } };\nconst transport = nodemailer.createTransport(options);",
      errors: [{ messageId: 'literal', message: /^the nodemailer pass is hard-coded/, line: 2, column: 75, related: ['used by nodemailer.createTransport'] }],
    },
    {
      name: 'passport OAuth client secret',
      code: "const GoogleStrategy = require('passport-google-oauth20').Strategy;\npassport.use(new GoogleStrategy({ clientID: '9208.apps.googleusercontent.com', clientSecret: 'TWN3hhg9gga4KehBxxYWqOZ4', callbackURL: '/cb' }, verify));",
      errors: [{ messageId: 'literal', message: /^the passport-google-oauth20 clientSecret is hard-coded/, line: 2, column: 94 }],
    },
    {
      name: 'connection settings object in a config module (knexfile)',
      code: "module.exports = {\n  client: 'postgresql',\n  connection: { database: 'knowledge_final', user: 'postgres', password: '123456' },\n};",
      errors: [{ messageId: 'literal', message: /^the connection settings password is hard-coded/, line: 3, column: 74 }],
    },
    {
      name: 'ssh2 connect through an event chain',
      code: "const { Client } = require('ssh2');\nconst conn = new Client();\nconn.on('ready', onReady).connect({ host: '1.15.110.27', port: 22, username: 'root', password: 'chengYuan151' });",
      errors: [{ messageId: 'literal', line: 3, column: 96 }],
    },
    {
      name: 'password inside a connection URL',
      code: "const mongoose = require('mongoose');\nmongoose.connect('mongodb+srv://shop:Xk9pL2mQ@cluster0.abcd.mongodb.net/shop');",
      errors: [{ messageId: 'url', message: 'the MongoDB connection URL carries the password of user shop: it ships with the code; pass the URL (or the password) through an environment variable', line: 2, column: 18 }],
    },
    {
      name: 'fallback of a variable that is not named as a secret',
      code: "const redis = require('redis');\nredis.createClient({ url: process.env.REDIS_URL, password: process.env.REDIS_AUTH || 'r3d1s-pass' });",
      errors: [{ messageId: 'fallback', message: /^the redis password falls back to a literal when REDIS_AUTH is unset/, line: 2, column: 86 }],
    },
  ],
});
