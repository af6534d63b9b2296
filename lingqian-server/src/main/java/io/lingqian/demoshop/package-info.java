/**
 * The demo shop at {@code /demo-shop/}: an example integration served by Lingqian, which behaves
 * strictly as an external merchant would. It reads the demo merchant's credential files
 * ({@code data/demo/merchant/}), calls the public v3 API over HTTP with the official wechatpay-java
 * SDK (public-key mode, pointed at this server as the files' README.txt shows), and learns that it was
 * paid from its own notify endpoint through the SDK's {@code NotificationParser} or by querying the
 * order. It never calls a Lingqian service in-process, and keeps its own orders in memory only.
 * See docs/demo-shop.md.
 */
package io.lingqian.demoshop;
