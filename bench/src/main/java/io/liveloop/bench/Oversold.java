package io.liveloop.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * After a flash sale: did anyone get a unit that was not there? Read in two places that do not share a database —
 * catalog's stock of the SKU (through its API, as the seller) and the orders database (every order line for the SKU
 * in an order that is not cancelled) — and set against the units on sale and the answers the buyers got.
 */
record Oversold(int units, int acceptedAnswers, int available, int reserved, int sold, long ordersInDb, long unitsInDb,
                long offLivePrice) {

    static Oversold check(Context c, FlashBench.Sale sale, int acceptedAnswers) {
        JsonNode stock = c.api().stock(sale.seller(), sale.skuId());
        String ordersDb = c.suite().database("order-service");
        UUID sku = UUID.fromString(sale.skuId());
        Object[] row = c.pg().rows(ordersDb, """
                select count(distinct o.id), coalesce(sum(l.quantity), 0),
                       count(*) filter (where l.unit_price_cents <> ?)
                from orders o join order_line l on l.order_id = o.id
                where l.sku_id = ? and o.status not in ('CANCELLED', 'REFUNDED')""", FlashBench.LIVE_PRICE, sku).get(0);
        Oversold check = new Oversold(sale.units(), acceptedAnswers, stock.path("available").asInt(),
                stock.path("reserved").asInt(), stock.path("sold").asInt(), ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
        Out.step("check", "oversold " + check.oversold() + ": " + check.describe());
        return check;
    }

    /** Units held or sold beyond the stock, by the larger of the two counts (and a negative available). */
    long oversold() {
        long held = Math.max(unitsInDb, (long) reserved + sold);
        return Math.max(0, held - units) + Math.max(0, -available);
    }

    String describe() {
        return "catalog: " + available + " available, " + reserved + " reserved, " + sold + " sold of " + units
                + "; orders db: " + unitsInDb + " units in " + ordersInDb + " orders; " + acceptedAnswers + " accepted answers";
    }

    String markdown() {
        return "- Units on sale: " + units + "\n"
                + "- catalog-service (`GET /api/catalog/skus/{id}/stock`): available " + available + ", reserved " + reserved
                + ", sold " + sold + " (available + reserved + sold = " + (available + reserved + sold) + ")\n"
                + "- orders database (`" + "order_line` of orders not cancelled): " + unitsInDb + " units in " + ordersInDb
                + " orders; " + offLivePrice + " lines not at the live price\n"
                + "- buyers answered 201: " + acceptedAnswers + "\n"
                + "- oversold: **" + oversold() + "**" + (unitsInDb == acceptedAnswers && unitsInDb == reserved + sold
                ? " (all three counts agree)\n" : "\n" + differences());
    }

    /** Why the counts differ, when they do (none of it is overselling: that is units beyond the stock). */
    private String differences() {
        StringBuilder md = new StringBuilder();
        long held = (long) reserved + sold;
        if (held > unitsInDb) {
            md.append("- catalog holds ").append(held - unitsInDb).append(" more units than the orders database has in orders: ")
                    .append("reservations made for orders that then failed in order-service (a timeout or an error after ")
                    .append("catalog reserved, so the order's transaction rolled back). They are not sold; they return to ")
                    .append("stock when they expire (the reservation's expiresAt plus catalog's grace period)\n");
        }
        if (unitsInDb != acceptedAnswers) {
            md.append("- the orders database has ").append(unitsInDb).append(" units in orders but buyers were answered 201 ")
                    .append(acceptedAnswers).append(" times: an order committed whose answer did not reach its buyer ")
                    .append("(e.g. the gateway timed out first)\n");
        }
        return md.toString();
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", units);
        m.put("oversold", oversold());
        m.put("catalogAvailable", available);
        m.put("catalogReserved", reserved);
        m.put("catalogSold", sold);
        m.put("ordersInDb", ordersInDb);
        m.put("unitsInDb", unitsInDb);
        m.put("acceptedAnswers", acceptedAnswers);
        m.put("linesNotAtLivePrice", offLivePrice);
        return m;
    }
}
