package io.liveloop.catalog.service;

import io.liveloop.catalog.config.CatalogConfig;
import io.liveloop.catalog.domain.Product;
import io.liveloop.catalog.domain.ProductStatus;
import io.liveloop.catalog.domain.QualityCheck;
import io.liveloop.catalog.domain.QualityStatus;
import io.liveloop.catalog.domain.Shop;
import io.liveloop.catalog.domain.Sku;
import io.liveloop.catalog.repository.ProductRepository;
import io.liveloop.catalog.repository.ShopRepository;
import io.liveloop.catalog.rest.dto.ProductDtos.CreateProductRequest;
import io.liveloop.catalog.rest.dto.ProductDtos.SkuRequest;
import io.liveloop.catalog.rest.dto.ProductDtos.UpdateProductRequest;
import io.liveloop.catalog.rest.dto.ProductDtos.UpdateSkuRequest;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.linkpolicy.OutboundLinkGuard;
import io.liveloop.platform.problem.Problem;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The product's life as sellers, inspectors and buyers drive it; one public method per use case. */
@ApplicationScoped
public class ProductService {

    private final ProductRepository products;
    private final ShopRepository shopRepository;
    private final ShopService shops;
    private final CatalogEvents events;
    private final OutboundLinkGuard links;
    private final CatalogConfig config;
    private final EntityManager em;
    private final Clock clock;

    public ProductService(ProductRepository products, ShopRepository shopRepository, ShopService shops,
                          CatalogEvents events, OutboundLinkGuard links, CatalogConfig config,
                          EntityManager em, Clock clock) {
        this.products = products;
        this.shopRepository = shopRepository;
        this.shops = shops;
        this.events = events;
        this.links = links;
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public Product create(UUID sellerId, CreateProductRequest request) {
        shops.ownedShop(request.shopId(), sellerId);
        List<String> images = request.imageUrls() == null ? List.of() : request.imageUrls();
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("title", request.title());
        texts.put("description", request.description());
        for (int i = 0; i < request.skus().size(); i++) {
            addAttributeTexts(texts, "skus[" + i + "].attributes", request.skus().get(i).attributes());
        }
        links.requireNoOutboundLinks(texts);
        requireMediaHost(images);
        requireUniqueSkuCodes(request.skus());

        Product product = new Product(request.shopId(), request.title(), request.description(), images,
                request.shipWithinHours() == null ? 48 : request.shipWithinHours(), clock.instant());
        for (SkuRequest sku : request.skus()) {
            product.addSku(sku.skuCode(), sku.attributes(), sku.priceCents(), sku.stock());
        }
        products.persist(product);
        return product;
    }

    @Transactional
    public Product update(UUID productId, UUID sellerId, UpdateProductRequest request) {
        Product product = owned(productId, sellerId);
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("title", request.title());
        texts.put("description", request.description());
        links.requireNoOutboundLinks(texts);
        if (request.imageUrls() != null) {
            requireMediaHost(request.imageUrls());
        }
        product.describe(request.title(), request.description(), request.imageUrls(), request.shipWithinHours(), clock.instant());
        announceChange(product);
        return product;
    }

    @Transactional
    public Product addSku(UUID productId, UUID sellerId, SkuRequest request) {
        Product product = owned(productId, sellerId);
        Map<String, String> texts = new LinkedHashMap<>();
        addAttributeTexts(texts, "attributes", request.attributes());
        links.requireNoOutboundLinks(texts);
        product.addSku(request.skuCode(), request.attributes(), request.priceCents(), request.stock());
        announceChange(product);
        return product;
    }

    @Transactional
    public Product updateSku(UUID productId, UUID skuId, UUID sellerId, UpdateSkuRequest request) {
        Product product = owned(productId, sellerId);
        Sku sku = product.sku(skuId).orElseThrow(() -> ProblemException.notFound("SKU of product " + productId, skuId));
        Map<String, String> texts = new LinkedHashMap<>();
        addAttributeTexts(texts, "attributes", request.attributes());
        links.requireNoOutboundLinks(texts);
        sku.reprice(request.priceCents(), request.attributes());
        announceChange(product);
        return product;
    }

    @Transactional
    public QualityCheck recordQualityCheck(UUID productId, UUID inspectorId, QualityStatus result, String notes) {
        Product product = existing(productId);
        QualityCheck check = new QualityCheck(productId, result, notes, inspectorId, clock.instant());
        em.persist(check);
        if (product.recordQualityCheck(result, clock.instant())) {
            events.productDelisted(product);
        }
        return check;
    }

    public List<QualityCheck> qualityChecks(UUID productId, CurrentUser user) {
        visible(productId, user);
        return em.createQuery("from QualityCheck c where c.productId = :p order by c.checkedAt desc", QualityCheck.class)
                .setParameter("p", productId).getResultList();
    }

    @Transactional
    public Product publish(UUID productId, UUID sellerId) {
        Product product = owned(productId, sellerId);
        product.publish(clock.instant());
        events.productPublished(product);
        return product;
    }

    @Transactional
    public Product delist(UUID productId, UUID sellerId) {
        Product product = owned(productId, sellerId);
        product.delist(clock.instant());
        events.productDelisted(product);
        return product;
    }

    @Transactional
    public Product listInAlliance(UUID productId, UUID sellerId, int commissionRateBps) {
        Product product = owned(productId, sellerId);
        product.listInAlliance(commissionRateBps, clock.instant());
        events.productUpdated(product);
        return product;
    }

    @Transactional
    public Product unlistFromAlliance(UUID productId, UUID sellerId) {
        Product product = owned(productId, sellerId);
        product.unlistFromAlliance(clock.instant());
        events.productUpdated(product);
        return product;
    }

    /** ON_SALE products for anyone signed in; other states for the owner and admins only (404 for the rest). */
    public Product visible(UUID productId, CurrentUser user) {
        Product product = existing(productId);
        if (product.isOnSale() || user.isAdmin() || ownsShop(product.getShopId(), user.id())) {
            return product;
        }
        throw ProblemException.notFound("product", productId);
    }

    public List<Product> search(String q, UUID shopId, ProductStatus status, PageRequest page, CurrentUser user) {
        boolean seesAll = user.isAdmin() || (shopId != null && ownsShop(shopId, user.id()));
        Set<ProductStatus> statuses = status == null
                ? (seesAll ? EnumSet.allOf(ProductStatus.class) : EnumSet.of(ProductStatus.ON_SALE))
                : EnumSet.of(status);
        if (!seesAll && status != null && status != ProductStatus.ON_SALE) {
            return List.of(); // others' drafts and delisted products are not for this caller to see
        }
        return products.search(new ProductRepository.Search(q, shopId, statuses, null, false, false, false), page);
    }

    public List<Product> searchAlliance(String q, Integer minCommissionRateBps, String sort, PageRequest page) {
        boolean byCommission = sort == null || sort.equals("commission");
        if (!byCommission && !sort.equals("newest")) {
            throw new ProblemException(400, "invalid-parameter", "Invalid parameter",
                    "sort must be 'commission' or 'newest', was '" + sort + "'");
        }
        return products.search(new ProductRepository.Search(q, null, EnumSet.of(ProductStatus.ON_SALE),
                minCommissionRateBps, true, !byCommission, byCommission), page);
    }

    public Product existing(UUID productId) {
        return products.findByIdOptional(productId).orElseThrow(() -> ProblemException.notFound("product", productId));
    }

    public List<UUID> authorizedHostIds(UUID shopId) {
        return shopRepository.hostIds(List.of(shopId));
    }

    private Product owned(UUID productId, UUID sellerId) {
        Product product = existing(productId);
        if (!ownsShop(product.getShopId(), sellerId)) {
            throw ProblemException.notFound("product", productId);
        }
        return product;
    }

    private boolean ownsShop(UUID shopId, UUID userId) {
        Shop shop = shopRepository.findById(shopId);
        return shop != null && shop.isOwnedBy(userId);
    }

    /** An ON_SALE product's change is news for the live rooms that show it. */
    private void announceChange(Product product) {
        if (product.isOnSale()) {
            events.productUpdated(product);
        }
    }

    private void requireMediaHost(List<String> imageUrls) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < imageUrls.size(); i++) {
            if (!onMediaHost(imageUrls.get(i))) {
                errors.add(new Problem.FieldError("imageUrls[" + i + "]",
                        "must be an https URL on " + config.mediaHost() + ", was '" + imageUrls.get(i) + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "outbound-link", "Outbound link not allowed",
                    "Product images must be uploaded to the platform's media host " + config.mediaHost(),
                    errors, Map.of());
        }
    }

    private boolean onMediaHost(String url) {
        try {
            URI uri = URI.create(url.strip());
            String host = uri.getHost();
            return "https".equalsIgnoreCase(uri.getScheme()) && host != null
                    && (host.equalsIgnoreCase(config.mediaHost()) || host.toLowerCase().endsWith("." + config.mediaHost()))
                    && uri.getUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void requireUniqueSkuCodes(List<SkuRequest> skus) {
        Set<String> seen = new HashSet<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < skus.size(); i++) {
            if (!seen.add(skus.get(i).skuCode())) {
                errors.add(new Problem.FieldError("skus[" + i + "].skuCode",
                        "'" + skus.get(i).skuCode() + "' is used by another SKU of this product"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation-failed", "Request is not valid",
                    "skuCode must be unique within the product", errors, Map.of());
        }
    }

    private static void addAttributeTexts(Map<String, String> texts, String prefix, Map<String, String> attributes) {
        if (attributes != null) {
            attributes.forEach((name, value) -> texts.put(prefix + "." + name, value));
        }
    }
}
