// Renders every chart figure with the self-hosted Vega bundle, and again when the palette changes.
(function () {
  "use strict";
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
  function render() {
    if (typeof window.vegaEmbed !== "function") return;
    document.querySelectorAll("figure.ec-chart").forEach(function (figure) {
      // vega-embed sets its own ARIA role on the element it renders into, so it renders into
      // the inner plot and the outer canvas keeps role="img" with the full text alternative.
      var canvas = figure.querySelector(".ec-chart__plot");
      var source = figure.querySelector("script.ec-chart__spec");
      if (!canvas || !source) return;
      var spec = JSON.parse(source.textContent);
      window.vegaEmbed(canvas, spec, { renderer: "svg", actions: false, config: themeConfig() })
        .then(function () { figure.classList.add("ec-chart--live"); })
        .catch(function (error) { console.error("chart " + figure.id + ": " + error); });
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(render);
  } else {
    document.addEventListener("DOMContentLoaded", render);
  }
  new MutationObserver(render).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"],
  });
})();
