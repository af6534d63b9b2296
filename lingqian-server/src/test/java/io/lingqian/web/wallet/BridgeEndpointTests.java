package io.lingqian.web.wallet;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.testing.ServerTest;

/**
 * The bridge's public side without a browser: the script is served to any page, the parameter check
 * answers a page of another origin (CORS) and refuses what is not a signed JSAPI order.
 */
@ServerTest
class BridgeEndpointTests {

    @Autowired
    MockMvc mvc;

    @Test
    void theScriptIsServedWithoutSignIn() throws Exception {
        mvc.perform(get("/jsapi/lingqian-bridge.js"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("getBrandWCPayRequest")))
                .andExpect(content().string(containsString("WeixinJSBridgeReady")));
    }

    @Test
    void aPageOfAnotherOriginMayAskAndAnUnknownOrderIsRefused() throws Exception {
        mvc.perform(options("/jsapi/verify").header("Origin", "https://shop.example")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://shop.example"));

        mvc.perform(post("/jsapi/verify").header("Origin", "https://shop.example").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"appId":"wx0000000000000000","timeStamp":"1700000000","nonceStr":"n",
                                 "package":"prepay_id=wx20260101000000aaaaaaaaaaaaaaaaaaaa","signType":"RSA",
                                 "paySign":"c2lnbg==","origin":"https://shop.example"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid_pay_sign"));

        mvc.perform(post("/jsapi/verify").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"appId\":\"wx0000000000000000\",\"origin\":\"javascript:alert(1)\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid_origin"));
    }

    @Test
    void theWalletSidePagesNeedSignIn() throws Exception {
        mvc.perform(get("/wallet/app-pay").param("appid", "wx0000000000000000"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", containsString("/wallet/login")));
    }
}
