import type { AnnotatorRating } from './label-encoding';

/** crowd-kit toy YSDA answers (`tests/conftest.py`; quality-math §4–§5), task worker label. */
export const TOY_YSDA: readonly AnnotatorRating[] =
  `t1 w1 no;t1 w2 yes;t1 w4 yes;t1 w5 no;t2 w1 yes;t2 w2 yes;
t2 w3 yes;t2 w4 no;t2 w5 no;t3 w1 yes;t3 w2 no;t3 w3 no;t3 w4 yes;t3 w5 no;t4 w1 yes;t4 w2 yes;t4 w3 yes;
t4 w4 yes;t4 w5 yes;t5 w1 yes;t5 w2 no;t5 w3 no;t5 w4 no;t5 w5 no`
    .split(';')
    .map((s) => {
      const [item, annotator, label] = s.trim().split(' ') as [string, string, string];
      return { item, annotator, label };
    });

/** Toy YSDA ground truth. */
export const TOY_YSDA_TRUTH = ['yes', 'yes', 'no', 'yes', 'no'];
