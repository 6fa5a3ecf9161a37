// The product page's own script: "Add to basket", and the product video. Under the shop's own
// name (www.shop.test, see the README) the page talks to its third parties on their hosts.
const isShopName = location.hostname.endsWith('.shop.test');
const vendor = (name) => `${location.protocol}//${name}.vendor.test:${location.port}`;

const basketStatus = document.getElementById('basket-status');
document.getElementById('add-to-basket')?.addEventListener('click', () => {
  basketStatus.textContent = 'Added to your basket.';
  // A conversion pixel nobody marked with a purpose: the element's backstop holds it back
  // while "Usage analytics", whose recipient lists collect.vendor.test, is off.
  if (isShopName) new Image().src = `${vendor('collect')}/collect?e=add_to_basket&via=pixel`;
  window.fbq?.('track', 'AddToCart');
});

// The video waits for "Videos from other sites": the element shows a placeholder until then.
const video = document.getElementById('product-video');
if (video && isShopName) {
  const frame = document.createElement('iframe');
  frame.dataset.purpose = 'media';
  frame.dataset.src = `${vendor('video')}/embed/skarvik-2`;
  frame.title = 'Pitching the Skarvik 2 in a coastal wind';
  frame.width = '560';
  frame.height = '315';
  video.append(frame);
  video.hidden = false;
}
