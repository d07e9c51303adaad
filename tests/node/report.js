// How every scenario script reports: one JSON line on stdout, which the Python tests read.

function print(result) {
  process.stdout.write(JSON.stringify(result) + "\n");
}

// Run `main(steps)` and print what it returns. An unexpected throw is printed too, as
// `describe(err)` with the last step `main` pushed onto `steps`, so a failing test says where.
// Exits when done: a client may leave timers behind (Amplify's auto sign-in keeps one).
function run(main, describe) {
  const steps = [];
  main(steps).then(print, (err) => print({
    ok: false, step: steps[steps.length - 1], error: describe(err), stack: err.stack,
  })).finally(() => process.exit(0));
}

module.exports = { print, run };
