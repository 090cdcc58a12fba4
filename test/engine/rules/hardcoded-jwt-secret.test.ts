import rule from '../../../src/engine/rules/hardcoded-jwt-secret';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'secret from the environment', code: "const jwt = require('jsonwebtoken');\njwt.sign(payload, process.env.JWT_SECRET, { expiresIn: '1h' });" },
    { name: 'secret from a config module', code: "import jwt from 'jsonwebtoken';\nimport { config } from './config';\nexport const sign = (p: object) => jwt.sign(p, config.jwtSecret);", filename: 'src/auth.ts' },
    { name: 'a fallback of JWT_SECRET is secret-env-fallback\'s', code: "const jwt = require('jsonwebtoken');\nconst JWT_SECRET = process.env.JWT_SECRET || 'secret';\njwt.verify(token, JWT_SECRET);" },
    { name: 'decode takes no secret', code: "const jwt = require('jsonwebtoken');\njwt.decode(token, 'complete');" },
    { name: 'an object with a sign method that is not jsonwebtoken', code: "const signer = require('./signer');\nsigner.sign(payload, 'rsa-sha256');" },
    { name: 'a development-only key behind NODE_ENV (Yandex Practicum style)', code: "const jwt = require('jsonwebtoken');\nconst { NODE_ENV, JWT_SECRET } = process.env;\njwt.sign({ _id }, NODE_ENV === 'production' ? JWT_SECRET : 'dev-secret');" },
    { name: 'NestJS JwtModule from the environment', filename: 'src/auth/auth.module.ts', code: "import { JwtModule } from '@nestjs/jwt';\nexport const jwtModule = JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '1h' } });" },
    { name: 'test files', filename: 'src/auth.spec.ts', code: "import jwt from 'jsonwebtoken';\nconst token = jwt.sign({ id: 1 }, 'test-secret');" },
  ],
  invalid: [
    {
      name: 'literal secret passed to jwt.sign',
      code: "const jwt = require('jsonwebtoken');\nconst token = jwt.sign(payload, 'secret', { expiresIn: 3600 });",
      errors: [{ messageId: 'literal', message: 'jsonwebtoken.sign secret is hard-coded: anyone with the code can mint valid tokens for every environment; read it from a required environment variable', line: 2, column: 33, endColumn: 41 }],
    },
    {
      name: 'a const used by sign and verify is one finding',
      filename: 'src/auth.ts',
      code: "import { sign, verify } from 'jsonwebtoken';\nconst SECRET_KEY = 'mnm';\nexport const issue = (p: object) => sign(p, SECRET_KEY);\nexport const check = (t: string) => verify(t, SECRET_KEY);",
      errors: [{ messageId: 'literal', line: 2, column: 20, related: ['used by sign'] }],
    },
    {
      name: 'a jwt global never imported in the file',
      code: "app.post('/login', (req, res) => {\n  const token = jwt.sign({ email: req.body.email }, 'secret', { expiresIn: '1h' });\n  res.send({ token });\n});",
      errors: [{ messageId: 'literal', message: /^jwt\.sign secret is hard-coded/, line: 2, column: 53 }],
    },
    {
      name: 'passport-jwt options built by assignment',
      code: "const JwtStrategy = require('passport-jwt').Strategy;\nconst opts = {};\nopts.secretOrKey = 'secret';\npassport.use(new JwtStrategy(opts, verify));",
      errors: [{ messageId: 'literal', message: /^passport-jwt secretOrKey is hard-coded/, line: 3, column: 20 }],
    },
    {
      name: 'NestJS JwtModule.register',
      filename: 'src/app.module.ts',
      code: "import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\n@Module({ imports: [JwtModule.register({ secret: 'secret-key' })] })\nexport class AppModule {}",
      errors: [{ messageId: 'literal', line: 3, column: 50 }],
    },
    {
      name: 'express-jwt with a fallback of a variable that is not named as a secret',
      code: "const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: process.env.KEY || 'shhhhhhared-secret', algorithms: ['HS256'] }));",
      errors: [{ messageId: 'fallback', message: /^express-jwt secret falls back to a literal when KEY is unset/, line: 2, column: 49 }],
    },
    {
      name: 'jose key through TextEncoder',
      filename: 'src/token.mjs',
      code: "import { SignJWT } from 'jose';\nconst key = new TextEncoder().encode('cc7e0d44fd473002f1c42167459001140ec6389b7353f8088f4d9a95f2f596f2');\nexport const token = await new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'HS256' }).sign(key);",
      errors: [{ messageId: 'literal', message: /^jose SignJWT key is hard-coded/, line: 2, column: 38 }],
    },
  ],
});
