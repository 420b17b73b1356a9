// A login inside a learning platform's frame (templates/lti/opening.html): can this frame
// keep a cookie? The login's answer set a test cookie; a same-origin request tells whether
// it came back. Kept: on to the platform at once. Not kept (Safari, or any browser that
// blocks third-party cookies): say so, and offer the same login in a new window, where
// quizapp is no third party. A launch refused for its lost state cookie
// (templates/lti/refused.html) offers that window too, from the address kept here.
(() => {
  const KEY = "quizapp.lti.window";

  const remember = (url) => {
    try {
      sessionStorage.setItem(KEY, url);
    } catch (e) {
      // No storage either: the refusal page still says what to do.
    }
  };

  const recall = () => {
    try {
      return sessionStorage.getItem(KEY);
    } catch (e) {
      return null;
    }
  };

  const blocked = () => {
    document.getElementById("lti-checking").hidden = true;
    const box = document.getElementById("lti-blocked");
    box.hidden = false;
    box.querySelector("h1").focus();
  };

  document.addEventListener("DOMContentLoaded", () => {
    const check = document.querySelector("[data-lti-check]");
    if (check) {
      remember(document.getElementById("lti-window").href);
      for (const el of document.querySelectorAll("[data-lti-nojs]")) el.hidden = true;
      fetch(check.dataset.ltiCheck, { credentials: "same-origin", cache: "no-store" })
        .then((r) => (r.ok ? r.json() : { kept: false }))
        .catch(() => ({ kept: false }))
        .then((answer) => {
          if (answer && answer.kept === true) {
            window.location.replace(check.dataset.ltiContinue);
          } else {
            blocked();
          }
        });
    }
    const offer = document.querySelector("[data-lti-offer-window]");
    const url = offer ? recall() : null;
    if (offer && url) {
      offer.querySelector("a").href = url;
      offer.hidden = false;
    }
  });
})();
