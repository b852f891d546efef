// Who may answer from chat: owners are (channel, id) pairs; phone numbers match however each host spells them.
// The full matrix (channel × sender × config) is test/security/owners.test.ts.
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.js";
import { actorFor, isOwner, ownersOf, parseApprover, phoneKey } from "../../src/doors/host/owners.js";

describe("owners", () => {
  const host = { channels: { whatsapp: { allowFrom: ["+1 555 000 1111", "*"] } } };
  const config = resolveConfig({ approvers: ["+44 20 7946 0000"] }, {});

  it("reads a phone number from every spelling the hosts use, and nothing from other ids", () => {
    expect(phoneKey("+15550001111")).toBe("15550001111");
    expect(phoneKey("whatsapp:+15550001111")).toBe("15550001111");
    expect(phoneKey("15550001111@s.whatsapp.net")).toBe("15550001111");
    expect(phoneKey("15550001111:12@s.whatsapp.net")).toBe("15550001111");
    expect(phoneKey("+1 (555) 000-1111")).toBe("15550001111");
    expect(phoneKey("123456789012345@lid")).toBe("");
    expect(phoneKey("120363000000000000@g.us")).toBe("");
    expect(phoneKey("gateway-client")).toBe("");
    expect(phoneKey("")).toBe("");
  });

  it("an owner or approver is recognised in any spelling; anyone else, or no sender, is not", () => {
    expect(isOwner("+15550001111", "whatsapp", host, config)).toBe(true);
    expect(isOwner("15550001111@s.whatsapp.net", "whatsapp", host, config)).toBe(true);
    expect(isOwner("+442079460000", "whatsapp", host, config)).toBe(true);
    expect(isOwner("+15550009999", "whatsapp", host, config)).toBe(false);
    expect(isOwner("123@lid", "whatsapp", host, config)).toBe(false);
    expect(isOwner(undefined, "whatsapp", host, config)).toBe(false);
    // "*" in allowFrom lets anyone chat with the assistant; it never makes anyone an owner.
    expect(
      isOwner("+19999999999", "whatsapp", { channels: { whatsapp: { allowFrom: ["*"] } } }, resolveConfig({}, {})),
    ).toBe(false);
  });

  it("with no owner configured, only the host's local chat counts as the owner", () => {
    const none = resolveConfig({}, {});
    expect(isOwner("gateway-client", "webchat", {}, none)).toBe(true);
    expect(isOwner("+15550001111", "whatsapp", {}, none)).toBe(false);
  });

  it('reads owners channel by channel: allowFrom minus "*", then approvers ("<channel>:<id>", a bare number is WhatsApp)', () => {
    const cfg = resolveConfig({ approvers: ["telegram:42", "+44 20 7946 0000", "Signal:uuid:abc"] }, {});
    expect(
      ownersOf(
        { channels: { whatsapp: { allowFrom: ["+15550001111", "*"] }, telegram: { allowFrom: ["tg:7", 8] } } },
        cfg,
      ),
    ).toEqual([
      { channel: "whatsapp", id: "+15550001111" },
      { channel: "telegram", id: "7" },
      { channel: "telegram", id: "8" },
      { channel: "telegram", id: "42" },
      { channel: "whatsapp", id: "+44 20 7946 0000" },
      { channel: "signal", id: "uuid:abc" },
    ]);
    expect(parseApprover("alice")).toBeNull();
    expect(parseApprover("whatsapp:")).toBeNull();
  });

  it("an actor's id keeps a phone sender as E.164, so notifications can go back to it", () => {
    expect(actorFor({ senderId: "15550001111@s.whatsapp.net", channel: "whatsapp" }, host, config)).toEqual({
      id: "whatsapp:+15550001111",
      channel: "whatsapp",
      authorized: true,
    });
    expect(actorFor({ senderId: "gateway-client", channel: "webchat" }, host, config)).toEqual({
      id: "webchat:gateway-client",
      channel: "webchat",
      authorized: false,
    });
  });
});
