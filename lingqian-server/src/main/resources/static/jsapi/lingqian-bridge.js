/*
 * Lingqian's stand-in for WeChat's in-app WeixinJSBridge, for merchant pages opened in an ordinary
 * browser. Include it with <script src="https://<lingqian>/jsapi/lingqian-bridge.js"></script>; then
 * the page's usual code works unchanged:
 *
 *   WeixinJSBridge.invoke('getBrandWCPayRequest',
 *       {appId, timeStamp, nonceStr, package: 'prepay_id=…', signType: 'RSA', paySign}, function (res) {
 *         // res.err_msg: 'get_brand_wcpay_request:ok' | ':cancel' | ':fail'
 *       });
 *
 * The parameters go first to Lingqian, which checks paySign with the merchant's API certificate; a
 * bad one answers ':fail' at once. Otherwise the wallet's cashier opens in a popup (the user signs in
 * if needed and pays); the cashier tells this page the outcome with postMessage, and closing the popup
 * counts as ':cancel'. Like the real bridge, 'WeixinJSBridgeReady' is fired on document once ready.
 */
(function () {
  'use strict';
  if (window.WeixinJSBridge && window.WeixinJSBridge.lingqian) {
    return;
  }
  var script = document.currentScript;
  var base = new URL(script ? script.src : '/jsapi/lingqian-bridge.js', location.href).origin;
  var PREFIX = 'get_brand_wcpay_request';

  function payRequest(params, callback) {
    var done = false;
    function finish(result, description) {
      if (done) {
        return;
      }
      done = true;
      window.removeEventListener('message', onMessage);
      var answer = {err_msg: PREFIX + ':' + result};
      if (description) {
        answer.err_desc = description;
      }
      if (typeof callback === 'function') {
        callback(answer);
      }
    }
    function onMessage(event) {
      var data = event.data;
      if (event.origin === base && data && data.lingqian === 'jsapi' && typeof data.result === 'string') {
        finish(data.result, data.description);
      }
    }
    // Opened while the click is still being handled, so that popup blockers let it through.
    var popup = window.open('', 'lingqian-cashier', 'width=420,height=720');
    window.addEventListener('message', onMessage);
    var fields = ['appId', 'timeStamp', 'nonceStr', 'package', 'signType', 'paySign'];
    var body = {};
    fields.forEach(function (name) {
      body[name] = params && params[name] != null ? String(params[name]) : '';
    });
    body.origin = location.origin;
    fetch(base + '/jsapi/verify', {
      method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (answer) {
        return {ok: response.ok, answer: answer};
      });
    }).then(function (reply) {
      if (!reply.ok) {
        if (popup) {
          popup.close();
        }
        finish('fail', reply.answer && reply.answer.detail);
        return;
      }
      if (!popup || popup.closed) {
        finish('fail', 'the cashier window was blocked');
        return;
      }
      popup.location.href = base + reply.answer.cashierUrl;
      var watch = setInterval(function () {
        if (done) {
          clearInterval(watch);
        } else if (popup.closed) {
          clearInterval(watch);
          finish('cancel');
        }
      }, 500);
    }).catch(function () {
      if (popup) {
        popup.close();
      }
      finish('fail', 'Lingqian could not be reached');
    });
  }

  window.WeixinJSBridge = {
    lingqian: true,
    invoke: function (name, params, callback) {
      if (name === 'getBrandWCPayRequest') {
        payRequest(params, callback);
      } else if (typeof callback === 'function') {
        callback({err_msg: name + ':fail', err_desc: 'not supported by the Lingqian bridge'});
      }
    },
    on: function () {
    },
    call: function () {
    }
  };

  function ready() {
    document.dispatchEvent(new Event('WeixinJSBridgeReady'));
  }
  // After the scripts that follow this one have had their chance to listen, as in WeChat.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () {
      setTimeout(ready, 0);
    });
  } else {
    setTimeout(ready, 0);
  }
})();
