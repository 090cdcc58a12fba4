'use strict';

const assert = require('assert');
const request = require('supertest');

// Tests talk to a local server; that is not a cloud blocker.
const BASE_URL = 'http://localhost:3000';

describe('products', () => {
  it('lists products', async () => {
    const response = await request(BASE_URL).get('/products');
    assert.strictEqual(response.status, 200);
  });
});
