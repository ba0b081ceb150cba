// Makes chart figures live (tooltips, the palette's colours) with the self-hosted Vega bundle.
// Every figure already holds the SVG drawn at build time, so nothing here may delay the page:
// this script is deferred, and the 0.9 MB bundle (its URL in this tag's data-bundle) is fetched
// only when a figure is pointed at, focused or tapped, or comes near the screen once the reader
// has scrolled (or at once in dark mode, where the build-time colours are the light ones); then
// that figure alone is drawn live. Without JavaScript, or until then, the build-time SVG is the
// chart: a reader who only opens the page never pays for the library.
// A palette change draws the live figures again.
(function () {
  "use strict";
  var script = document.currentScript;
  var bundleUrl = script && script.getAttribute("data-bundle");
  var NEAR = "300px 0px";  // start a little before the figure scrolls into view
  var woken = [];
  var loading = null;
  var observer = null;

  function themeConfig() {
    var style = getComputedStyle(document.body);
    var fg = style.getPropertyValue("--md-typeset-color").trim() || "#333";
    var muted = style.getPropertyValue("--md-default-fg-color--lighter").trim() || "#888";
    return {
      background: null,
      axis: { labelColor: fg, titleColor: fg, domainColor: muted, tickColor: muted, gridColor: muted },
      legend: { labelColor: fg, titleColor: fg },
      // Titles start at the left edge of the whole chart (axis labels included), not centred
      // over the plot, so a long title is not cut off on a phone (same in publish/_charts.py).
      title: { color: fg, anchor: "start", frame: "bounds" },
      view: { stroke: null },
    };
  }

  function loadBundle() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (typeof window.vegaEmbed === "function" || !bundleUrl) return resolve();
        var tag = document.createElement("script");
        tag.src = bundleUrl;
        tag.onload = resolve;
        tag.onerror = function () { reject(new Error("could not load " + bundleUrl)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function keepForPrint(figure) {
    // paper needs the build-time SVG (it scales to the page and is drawn light even in dark
    // mode): copy it before the live chart replaces it; only the print stylesheet shows it
    var canvas = figure.querySelector(".ec-chart__canvas");
    var svg = figure.querySelector(".ec-chart__plot > svg");
    if (!canvas || !svg || canvas.querySelector(".ec-chart__print")) return;
    var copy = document.createElement("div");
    copy.className = "ec-chart__print";
    copy.setAttribute("aria-hidden", "true");
    copy.appendChild(svg.cloneNode(true));
    canvas.appendChild(copy);
  }

  function draw(figure) {
    // vega-embed sets its own ARIA role on the element it renders into, so it renders into
    // the inner plot and the outer canvas keeps role="img" with the full text alternative.
    var canvas = figure.querySelector(".ec-chart__plot");
    var source = figure.querySelector("script.ec-chart__spec");
    if (!canvas || !source || typeof window.vegaEmbed !== "function") return;
    keepForPrint(figure);
    var spec = JSON.parse(source.textContent);
    window.vegaEmbed(canvas, spec, { renderer: "svg", actions: false, config: themeConfig() })
      .then(function () { figure.classList.add("ec-chart--live"); })
      .catch(function (error) { console.error("chart " + figure.id + ": " + error); });
  }

  function wake(figure) {
    if (woken.indexOf(figure) !== -1) return;
    woken.push(figure);
    if (observer) observer.unobserve(figure);
    loadBundle()
      .then(function () { draw(figure); })
      .catch(function (error) { console.error("charts: " + error.message); });
  }

  var scrolled = false;
  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function watch() {
    if (!scrolled && !dark()) return;  // the first scroll (or dark mode) starts the watching
    var figures = document.querySelectorAll("figure.ec-chart");
    if (!("IntersectionObserver" in window)) {
      figures.forEach(wake);
      return;
    }
    observer = observer || new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { if (entry.isIntersecting) wake(entry.target); });
    }, { rootMargin: NEAR });
    figures.forEach(function (figure) {
      if (woken.indexOf(figure) === -1) observer.observe(figure);
    });
  }

  function touched(event) {
    var figure = event.target.closest && event.target.closest("figure.ec-chart");
    if (figure) wake(figure);
  }

  window.addEventListener("scroll", function () {
    if (scrolled) return;
    scrolled = true;
    watch();
  }, { passive: true });
  ["pointerover", "focusin", "touchstart"].forEach(function (name) {
    document.addEventListener(name, touched, { passive: true });
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      woken = woken.filter(function (figure) { return document.contains(figure); });
      watch();
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
  new MutationObserver(function () {
    watch();  // a switch to dark mode wakes the charts in view
    if (loading) loading.then(function () { woken.forEach(draw); }, function () {});
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
