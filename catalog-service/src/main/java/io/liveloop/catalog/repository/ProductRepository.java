package io.liveloop.catalog.repository;

import io.liveloop.catalog.domain.Product;
import io.liveloop.catalog.domain.ProductStatus;
import io.liveloop.platform.api.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    /** What a product search asks for; null fields do not filter. */
    public record Search(String q, UUID shopId, Set<ProductStatus> statuses, Integer minCommissionRateBps,
                         boolean allianceOnly, boolean newestFirst, boolean byCommission) {
    }

    /**
     * Searches with PostgreSQL: every word of {@code q} must occur in the title or description (the trigram GIN
     * index serves these ILIKE conditions, Chinese text included); results rank title matches first, then by
     * trigram similarity, then newest.
     */
    public List<Product> search(Search search, PageRequest page) {
        StringBuilder sql = new StringBuilder("select p.id from product p where p.status in (:statuses)");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("statuses", search.statuses().stream().map(Enum::name).toList());
        List<String> terms = terms(search.q());
        for (int i = 0; i < terms.size(); i++) {
            sql.append(" and (p.title || ' ' || p.description) ilike :t").append(i);
            params.put("t" + i, "%" + escapeLike(terms.get(i)) + "%");
        }
        if (search.shopId() != null) {
            sql.append(" and p.shop_id = :shop");
            params.put("shop", search.shopId());
        }
        if (search.allianceOnly()) {
            sql.append(" and p.alliance_rate_bps is not null");
        }
        if (search.minCommissionRateBps() != null) {
            sql.append(" and p.alliance_rate_bps >= :minRate");
            params.put("minRate", search.minCommissionRateBps());
        }
        sql.append(" order by ");
        if (search.byCommission()) {
            sql.append("p.alliance_rate_bps desc, ");
        }
        if (!terms.isEmpty() && !search.newestFirst()) {
            sql.append("(p.title ilike :t0) desc, similarity(p.title || ' ' || p.description, :q) desc, ");
            params.put("q", search.q().strip());
        }
        sql.append("p.created_at desc, p.id desc limit :limit offset :offset");
        params.put("limit", page.fetchSize());
        params.put("offset", page.offset());

        Query query = getEntityManager().createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<UUID> ids = query.getResultList();
        return loadInOrder(ids);
    }

    private List<Product> loadInOrder(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Product> byId = list("id in ?1", ids).stream()
                .collect(Collectors.toMap(Product::getId, Function.identity()));
        List<Product> ordered = new ArrayList<>(ids.size());
        ids.forEach(id -> ordered.add(byId.get(id)));
        return ordered;
    }

    private static List<String> terms(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        return Arrays.stream(q.strip().split("\\s+")).distinct().limit(8)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    private static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
