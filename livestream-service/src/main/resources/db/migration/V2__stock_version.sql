-- The version of catalog's stock report a level came from (liveloop.stock.changed's version): a report only
-- replaces an older one, so redelivered and replayed reports change nothing without an inbox row each.
-- Null for a level seeded from catalog's product view at pin time.
alter table sku_stock add column version bigint;
