import { expect, test } from 'vitest';
import { TooLittleDataError } from '../../src/domain/analytics/pipeline.ts';
import { fitScoreBook, noModel } from './service.ts';

test('too little data is a stable reason with the counts and the minimums', () => {
  expect(noModel(new TooLittleDataError(2, 0))).toEqual({
    unavailable:
      'too little data to score: 2 customers with an order, 0 of them repeat buyers; the models need at least 100 and 20',
    reason: {
      reason: 'too_little_data',
      params: { customers: 2, repeat_customers: 0, min_customers: 100, min_repeat_customers: 20 },
      message:
        'too little data to score: 2 customers with an order, 0 of them repeat buyers; the models need at least 100 and 20',
    },
  });
});

test('any other refusal of the data is a fit that failed, its English kept for the logs', () => {
  expect(noModel(new RangeError('The holdout must end after the calibration end.'))).toEqual({
    unavailable: 'The holdout must end after the calibration end.',
    reason: {
      reason: 'fit_failed',
      params: {},
      message: 'The holdout must end after the calibration end.',
    },
  });
});

test('no orders at all is too little data, not a model error', () => {
  const none = {
    customerIds: [],
    customer: new Int32Array(0),
    day: new Int32Array(0),
    amount: new Float64Array(0),
  };
  const book = fitScoreBook(none, '2026-11-16T00:00:00.000Z');
  expect(book).toMatchObject({
    reason: { reason: 'too_little_data', params: { customers: 0, repeat_customers: 0 } },
  });
});
