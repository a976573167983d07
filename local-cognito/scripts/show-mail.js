// Prints each email the SES emulator receives, as it arrives (used by local-demo.sh).
// usage: node show-mail.js <sesUrl>
const sesUrl = process.argv[2];
let shown = 0;
async function poll() {
  try {
    const store = await (await fetch(`${sesUrl}/store`)).json();
    for (const email of store.emails.slice(shown)) {
      process.stderr.write(
        `\n----- email to ${email.destination.to.join(', ')} -----\n` +
          `Subject: ${email.subject}\n\n${email.body.text}\n` +
          `-----------------------------------------------\n`,
      );
    }
    shown = store.emails.length;
  } catch (error) {
    // The emulator is starting or stopping; try again.
  }
  setTimeout(poll, 300);
}
poll();
