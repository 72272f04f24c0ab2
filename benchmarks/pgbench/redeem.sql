-- One counter redemption done by hand, the yardstick of the redemption benchmark (tests/Benchmarks/Redemption):
-- lock and read the item's stock and the household's balance, check them, take one unit and the price, advance both
-- stream versions, open the receipt's stream and insert the three events (receipt, payment, stock out), in one
-- transaction. Items are locked before households, in one order, so clients queue rather than deadlock.
-- Run with -D households=N -D items=4 -D price=10 on tables from redeem_schema.sql.
\set h random(1, :households)
\set i random(1, :items)
BEGIN;
SELECT version AS item_version, amount AS item_amount FROM streams WHERE id = 'catalog-item-' || :i FOR UPDATE \gset
SELECT version AS hh_version, amount AS hh_amount FROM streams WHERE id = 'household-BH' || lpad(:h::text, 6, '0') FOR UPDATE \gset
\if :hh_amount >= :price and :item_amount >= 1
UPDATE streams SET version = version + 1, amount = amount - 1 WHERE id = 'catalog-item-' || :i;
UPDATE streams SET version = version + 1, amount = amount - :price WHERE id = 'household-BH' || lpad(:h::text, 6, '0');
WITH receipt AS (INSERT INTO streams (id, version, amount) VALUES ('redemption-' || gen_random_uuid(), 1, 0) RETURNING id)
INSERT INTO events (stream_id, version, type, data)
SELECT id, 1, 'RedemptionRecorded.v1', ('{"redemptionId":"' || id || '","communityId":"bench-jinhai","passbook":"BH' || lpad(:h::text, 6, '0') || '","member":"陈伟","points":10,"lines":[{"sku":"item-' || :i || '","name":"东北大米 5kg","kind":"goods","itemVersion":1,"unitPoints":10,"quantity":1,"points":10,"vouchers":[]}],"clerk":"key:clerk-01","clerkName":"超市管理员 1号柜台","at":"2026-11-21T04:00:00Z","day":"2026-11-21"}')::jsonb FROM receipt
UNION ALL
SELECT 'household-BH' || lpad(:h::text, 6, '0'), :hh_version + 1, 'PointsRedeemed.v1', ('{"communityId":"bench-jinhai","redemptionId":"0195a3b4c0de7000800000000000abcd","points":10,"member":"陈伟","description":"东北大米 5kg ×1"}')::jsonb
UNION ALL
SELECT 'catalog-item-' || :i, :item_version + 1, 'CatalogItemRedeemed.v1', ('{"communityId":"bench-jinhai","sku":"item-' || :i || '","redemptionId":"0195a3b4c0de7000800000000000abcd","quantity":1,"passbook":"BH' || lpad(:h::text, 6, '0') || '"}')::jsonb;
\endif
END;
