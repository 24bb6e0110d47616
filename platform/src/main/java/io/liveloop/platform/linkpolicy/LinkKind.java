package io.liveloop.platform.linkpolicy;

/** What kind of outbound commerce link a {@link LinkViolation} is. */
public enum LinkKind {
    /** A link with a scheme ({@code https://}, app deep links), a {@code www.} host, or a host followed by a path or port. */
    URL,
    /** A bare domain such as {@code taobao.com} or {@code 例子.中国}. */
    DOMAIN,
    /** A URL shortener host ({@code t.cn}, {@code bit.ly}, {@code m.tb.cn}...), whatever it points to. */
    SHORT_LINK,
    /** Another store's share token, such as Taobao's {@code ￥AbCd1234￥}. */
    SHARE_CODE,
    /** Wording that sends buyers to another store: "复制这段描述后打开淘宝", "打开【拼多多】". */
    SHARE_PHRASE
}
