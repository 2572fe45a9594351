import { describe, expect, it, vi } from "vitest";
import { chromiumSetup, DEBIAN_CHROMIUM, ensureChromium, type ChromiumMachine } from "../../scripts/lib/chromium";

// What `npm test` does when the browser of the browser tests is missing (scripts/lib/chromium.ts).
// Nothing here installs anything: the machine is described, not probed.
const machine = (over: Partial<ChromiumMachine>): ChromiumMachine => ({
  configuredPath: undefined,
  exists: () => false,
  isRoot: false,
  hasAptGet: true,
  ...over,
});

describe("setting up Chromium for npm test", () => {
  it("does nothing when Chromium is there (Debian's, or the one at CHROMIUM_PATH)", () => {
    expect(chromiumSetup(machine({ exists: (f) => f === DEBIAN_CHROMIUM, isRoot: true }))).toEqual({ action: "none", path: DEBIAN_CHROMIUM });
    expect(chromiumSetup(machine({ configuredPath: "/opt/chromium/chrome", exists: (f) => f === "/opt/chromium/chrome" }))).toEqual({
      action: "none",
      path: "/opt/chromium/chrome",
    });
  });

  it("installs Debian's package, non-interactively, when it is missing and the tests run as root with apt-get", () => {
    expect(chromiumSetup(machine({ isRoot: true }))).toEqual({
      action: "install",
      path: DEBIAN_CHROMIUM,
      shell: "apt-get update && apt-get install -y chromium chromium-headless-shell",
      env: { DEBIAN_FRONTEND: "noninteractive" },
    });
  });

  it("otherwise prints the one command to run, and installs nothing", () => {
    const notRoot = chromiumSetup(machine({ isRoot: false }));
    expect(notRoot).toMatchObject({ action: "instruct" });
    expect(notRoot.action === "instruct" && notRoot.message).toMatch(
      /Jalankan sekali: sudo sh -c 'apt-get update && apt-get install -y chromium chromium-headless-shell'/,
    );

    const noApt = chromiumSetup(machine({ isRoot: true, hasAptGet: false }));
    expect(noApt.action === "instruct" && noApt.message).toMatch(/CHROMIUM_PATH/);

    // A CHROMIUM_PATH that points nowhere is a mistake to fix; Debian's package would not put a browser there.
    const wrongPath = chromiumSetup(machine({ isRoot: true, configuredPath: "/opt/chromium/chrome" }));
    expect(wrongPath.action === "instruct" && wrongPath.message).toMatch(/CHROMIUM_PATH=\/opt\/chromium\/chrome/);
  });

  it("reports the command instead of running anything when it may not install", () => {
    const log = vi.fn();
    expect(ensureChromium(machine({ isRoot: false }), log)).toMatch(/apt-get install -y chromium chromium-headless-shell/);
    expect(log).not.toHaveBeenCalled();
    expect(ensureChromium(machine({ exists: () => true }), log)).toBeNull();
  });
});
