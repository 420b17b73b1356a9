// The deep-linking answer goes back to the platform by itself; the button stays for
// browsers without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-lti-autosubmit]");
  if (form) form.submit();
});
