package io.lingqian.demoshop;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lingqian.demo-shop.*}.
 *
 * @param enabled     serve the shop at all (an installation that is not a demo can turn it off)
 * @param credentials the directory of the merchant's credential files; by default the demo
 *                    merchant's, {@code <lingqian.demo.directory>/merchant}
 * @param apiBaseUrl  where the shop's SDK sends its calls; by default this server on loopback
 * @param item        what the shop sells
 * @param priceFen    for how much, in fen
 */
@ConfigurationProperties("lingqian.demo-shop")
public record DemoShopProperties(@DefaultValue("true") boolean enabled, Path credentials, String apiBaseUrl,
                                 @DefaultValue("Lingqian house blend coffee beans, 250 g") String item,
                                 @DefaultValue("3800") long priceFen) {

    public DemoShopProperties {
        if (priceFen <= 0) {
            throw new IllegalArgumentException("lingqian.demo-shop.price-fen must be positive");
        }
    }
}
