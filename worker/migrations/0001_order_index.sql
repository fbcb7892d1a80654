-- The order index: one row per order, written by the order's own Durable
-- Object (worker/src/order-index.ts) with a versioned upsert. It serves the
-- console's lists, filters, CSV and sums; it never decides an order's state.
-- phone_tail keeps the last four digits of the payer's number only: the full
-- number stays in the order's object.
CREATE TABLE orders (
  trans_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  kind TEXT NOT NULL,
  product_id TEXT,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  designation TEXT NOT NULL,
  custom TEXT NOT NULL,
  lang TEXT NOT NULL,
  payment_method TEXT,
  pay_id TEXT,
  result_code TEXT,
  phone_tail TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  paid_at TEXT
);

-- Newest first, the keyset (created_at, trans_id) of every list, alone or after an equality filter.
CREATE INDEX orders_by_created ON orders (created_at DESC, trans_id DESC);
CREATE INDEX orders_by_status ON orders (status, created_at DESC, trans_id DESC);
CREATE INDEX orders_by_product ON orders (product_id, created_at DESC, trans_id DESC);
CREATE INDEX orders_by_kind ON orders (kind, created_at DESC, trans_id DESC);
CREATE INDEX orders_by_pay_id ON orders (pay_id);
CREATE INDEX orders_by_phone_tail ON orders (phone_tail, created_at DESC);
-- Revenue per day: ACCEPTED orders by payment time.
CREATE INDEX orders_paid ON orders (status, paid_at);
