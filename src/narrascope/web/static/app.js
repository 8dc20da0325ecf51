// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Article page: a narrative's swatch shows or hides the highlighting of its evidence.
  const text = document.getElementById("article-text");
  document.querySelectorAll("button.swatch[data-colour]").forEach((swatch) => {
    swatch.addEventListener("click", () => {
      const colour = swatch.dataset.colour;
      if (!/^c[0-9]$/.test(colour) || !text) return;
      text.classList.toggle("hide-" + colour);
      swatch.classList.toggle("off");
    });
  });
  // Filter forms: changing a menu applies it at once.
  document.querySelectorAll("form.filters select").forEach((menu) => {
    menu.addEventListener("change", () => menu.form.submit());
  });
});
