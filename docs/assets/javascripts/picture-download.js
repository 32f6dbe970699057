/* Sourcing Glossary: "Download PNG" beside a picture published as SVG (the sourcing-model matrix).
 * The SVG is drawn onto a canvas in the reader's browser and saved as PNG at twice its size, sharp
 * enough for slides, so the build needs no image library. Loaded by the pages that offer it. */
(function () {
  "use strict";

  var SCALE = 2;

  function png(svgUrl) {
    return new Promise(function (resolve, reject) {
      var image = new Image();
      image.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = image.naturalWidth * SCALE;
        canvas.height = image.naturalHeight * SCALE;
        var context = canvas.getContext("2d");
        context.scale(SCALE, SCALE);
        context.drawImage(image, 0, 0);
        canvas.toBlob(function (blob) { if (blob) resolve(blob); else reject(new Error("no PNG")); }, "image/png");
      };
      image.onerror = function () { reject(new Error("the SVG did not load")); };
      image.src = svgUrl;
    });
  }

  function save(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    // The download has started from the link; the blob is let go once the browser no longer needs it.
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }

  function addButton(svgLink) {
    var name = svgLink.pathname.slice(svgLink.pathname.lastIndexOf("/") + 1).replace(/\.svg$/, ".png");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "gl-download-png";
    button.textContent = "Download PNG";
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      status.textContent = "";
      png(svgLink.href).then(function (blob) { save(blob, name); }, function () {
        // e.g. a page opened from file://, where the browser will not read the picture back
        status.textContent = " The PNG cannot be made here: download the SVG instead.";
      });
    });
    svgLink.parentNode.appendChild(document.createTextNode(" · "));
    svgLink.parentNode.appendChild(button);
    svgLink.parentNode.appendChild(status);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".gl-downloads a[href$='.svg']"), addButton);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
