-- wrk: each request places a new order of two lines for the customer bench-post; bench/run.sh gives wrk the header
-- "Authorization: Bearer <a token of bench-post>" (-H), which wrk puts in wrk.headers before this script adds to them
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"customerId":"bench-post","currency":"EUR","lines":[{"sku":"BOOK","quantity":2,"unitPrice":12.50},{"sku":"PEN","quantity":1,"unitPrice":1.99}]}'
