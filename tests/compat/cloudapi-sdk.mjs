// Drives a real third-party WhatsApp Cloud API SDK (npm `whatsapp-api-js`) against a running Parley.
//
// The only thing changed in the SDK is its base URL: the `ponyfill.fetch` handed to the SDK rewrites the
// `https://graph.facebook.com` origin to PARLEY_URL and otherwise calls the platform's fetch unchanged. Webhooks
// are received by a plain node:http server whose every POST goes through the SDK's own `Whatsapp.post(...)`, so the
// SDK verifies Parley's X-Hub-Signature-256 and parses Meta's envelope itself.
//
// Env: PARLEY_URL, TOKEN, PHONE_NUMBER_ID, APP_SECRET, ADMIN_KEY. Exit code 0 = every check passed.

import http from "node:http";
import { WhatsAppAPI } from "whatsapp-api-js";
import { WhatsAppAPIFailedToVerifyError } from "whatsapp-api-js/errors";
import { ActionButtons, Body, Button, Image, Interactive, Location, Reaction, Text } from "whatsapp-api-js/messages";

const GRAPH_ORIGIN = "https://graph.facebook.com";
const API_VERSION = "v23.0";
const USER = "16505551234";
const OVERALL_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------------------------------
// Reporting

const log = (...args) => console.log("[compat]", ...args);

let server;
let finished = false;

function finish(code, message) {
    if (finished) return;
    finished = true;
    if (code === 0) {
        log(message);
    } else {
        console.error(`[compat] FAILED: ${message}`);
        console.error("[compat] SDK requests:", JSON.stringify(sdkRequests, null, 1));
        console.error("[compat] webhook POSTs received:", webhookPosts.length, "verified by the SDK:", verifiedPosts);
        console.error("[compat] on.message ids:", JSON.stringify(seenMessages.map(m => m.message?.id)));
        console.error("[compat] on.status:", JSON.stringify(seenStatuses.map(s => `${s.id} ${s.status}`)));
    }
    server?.close();
    server?.closeAllConnections?.();
    process.exitCode = code;
    // Give stdout/stderr a moment to flush, then leave even if a socket is still open.
    setTimeout(() => process.exit(code), 50).unref();
}

class CheckFailed extends Error {}

function check(condition, message, detail) {
    if (!condition) {
        throw new CheckFailed(detail === undefined ? message : `${message} — got ${JSON.stringify(detail)}`);
    }
}

const overall = setTimeout(() => finish(1, `timed out after ${OVERALL_TIMEOUT_MS / 1000} s`), OVERALL_TIMEOUT_MS);

const missing = ["PARLEY_URL", "TOKEN", "PHONE_NUMBER_ID", "APP_SECRET", "ADMIN_KEY"].filter(name => !process.env[name]);
if (missing.length > 0) {
    console.error(`[compat] FAILED: environment variable(s) required: ${missing.join(", ")}`);
    process.exit(2);
}

const PARLEY_URL = process.env.PARLEY_URL.replace(/\/+$/, "");
const { TOKEN, PHONE_NUMBER_ID, APP_SECRET, ADMIN_KEY } = process.env;

// ---------------------------------------------------------------------------------------------------------------
// The SDK, pointed at Parley by its base URL only

const sdkRequests = [];

/**
 * The SDK's fetch: same request, Parley's origin instead of Meta's. A media download URL is Parley's own already (it
 * is the URL Parley answered for GET /{media-id}, as Meta answers a lookaside URL), so it is fetched as it is.
 */
async function parleyFetch(input, init) {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(GRAPH_ORIGIN + "/") && !url.startsWith(PARLEY_URL + "/")) {
        throw new Error(`whatsapp-api-js called ${url}, which is not on ${GRAPH_ORIGIN}`);
    }
    const path = url.startsWith(PARLEY_URL + "/") ? url.slice(PARLEY_URL.length) : url.slice(GRAPH_ORIGIN.length);
    const record = { method: init?.method ?? "GET", path, status: null };
    sdkRequests.push(record);
    const response = await fetch(PARLEY_URL + path, init);
    record.status = response.status;
    return response;
}

const Whatsapp = new WhatsAppAPI({
    token: TOKEN,
    appSecret: APP_SECRET,
    v: API_VERSION,
    ponyfill: { fetch: parleyFetch, subtle: globalThis.crypto.subtle },
});

const seenMessages = [];
const seenStatuses = [];
const sentCallbacks = [];
Whatsapp.on.message = args => { seenMessages.push(args); };
Whatsapp.on.status = args => { seenStatuses.push(args); };
Whatsapp.on.sent = args => { sentCallbacks.push(args); };

// ---------------------------------------------------------------------------------------------------------------
// The webhook receiver: every POST goes through Whatsapp.post (signature check + parsing)

const webhookPosts = [];
let verifiedPosts = 0;
let tamperCheckDone = false;

/** Events in one envelope. whatsapp-api-js dispatches exactly one: entry[0].changes[0].value.{messages|statuses}[0]. */
function countEvents(envelope) {
    let count = 0;
    for (const entry of envelope?.entry ?? []) {
        for (const change of entry?.changes ?? []) {
            count += (change?.value?.messages?.length ?? 0) + (change?.value?.statuses?.length ?? 0);
        }
    }
    return count;
}

async function onWebhook(req, res) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const raw = Buffer.concat(chunks).toString("utf8");
    const signature = req.headers["x-hub-signature-256"];
    webhookPosts.push(raw);

    let data;
    try {
        data = JSON.parse(raw);
    } catch (error) {
        res.writeHead(400).end();
        return finish(1, `a webhook POST is not JSON: ${error.message}: ${raw.slice(0, 300)}`);
    }

    if (!tamperCheckDone) {
        // Guard against a vacuous pass: the SDK really checks signatures here, so a changed body must be refused.
        tamperCheckDone = true;
        try {
            await Whatsapp.post(data, raw + " ", signature);
            res.writeHead(500).end();
            return finish(1, "whatsapp-api-js accepted a tampered body: its signature check is not active");
        } catch (error) {
            if (!(error instanceof WhatsAppAPIFailedToVerifyError)) {
                res.writeHead(500).end();
                return finish(1, `the tampered-body check threw ${error?.name}: ${error?.message}`);
            }
        }
    }

    try {
        await Whatsapp.post(data, raw, signature);
        verifiedPosts++;
    } catch (error) {
        res.writeHead(error?.httpStatus ?? 500).end();
        if (error instanceof WhatsAppAPIFailedToVerifyError) {
            return finish(1, `whatsapp-api-js rejected Parley's webhook signature (${signature}) for body ${raw.slice(0, 500)}`);
        }
        return finish(1, `whatsapp-api-js could not handle a webhook: ${error?.name}: ${error?.message}: ${raw.slice(0, 500)}`);
    }

    const events = countEvents(data);
    if (events !== 1) {
        res.writeHead(200).end();
        return finish(1,
            `Parley sent ${events} events in one webhook POST, but whatsapp-api-js dispatches only ` +
            `entry[0].changes[0].value.{messages|statuses}[0], so ${events - 1} of them were silently dropped ` +
            `(subscriptions default to batch_size 1): ${raw.slice(0, 800)}`);
    }
    res.writeHead(200).end();
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

async function waitFor(description, predicate) {
    while (!finished) {
        const value = predicate();
        if (value) return value;
        await new Promise(resolve => setTimeout(resolve, 20));
    }
    throw new CheckFailed(`stopped while waiting for ${description}`);
}

async function parley(method, path, body, headers) {
    const response = await fetch(PARLEY_URL + path, {
        method,
        headers: { "Content-Type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    check(response.ok, `${method} ${path} answered HTTP ${response.status}`, text);
    return text ? JSON.parse(text) : undefined;
}

function checkSent(label, response) {
    check(response?.messaging_product === "whatsapp", `${label}: messaging_product is not "whatsapp"`, response);
    check(response?.contacts?.[0]?.wa_id === USER, `${label}: contacts[0].wa_id is not ${USER}`, response);
    const id = response?.messages?.[0]?.id;
    check(typeof id === "string" && id.startsWith("wamid."), `${label}: messages[0].id does not start with "wamid."`, response);
    log(`${label}: ${id}`);
    return id;
}

function statusesOf(id) {
    return new Set(seenStatuses.filter(s => s.id === id).map(s => s.status));
}

// ---------------------------------------------------------------------------------------------------------------
// The run

async function main() {
    server = http.createServer((req, res) => {
        if (req.method !== "POST") {
            res.writeHead(405).end();
            return;
        }
        onWebhook(req, res).catch(error => finish(1, `webhook handler crashed: ${error?.stack ?? error}`));
    });
    await new Promise((resolve, reject) => server.listen(0, "127.0.0.1", resolve).once("error", reject));
    const webhookUrl = `http://127.0.0.1:${server.address().port}/webhook`;
    log(`webhook receiver on ${webhookUrl}`);

    const subscription = await parley("POST", `/admin/channels/${PHONE_NUMBER_ID}/webhooks`, { url: webhookUrl }, { "X-Admin-Key": ADMIN_KEY });
    log(`subscribed: ${subscription?.id}`);

    // A simulated user writes first (opens the 24-hour window). Non-ASCII on purpose: Meta signs the escaped
    // form, and whatsapp-api-js re-escapes the raw body before checking the HMAC.
    const inboundText = "Hi ä 👋";
    const inbound = await parley("POST", `/sandbox/channels/${PHONE_NUMBER_ID}/inbound`,
        { from: USER, profile_name: "Compat Tester", type: "text", text: { body: inboundText } },
        { Authorization: `Bearer ${TOKEN}` });
    const inboundId = inbound?.messages?.[0]?.id;
    check(typeof inboundId === "string" && inboundId.startsWith("wamid."), "the simulator did not return a wamid", inbound);

    const onMessage = await waitFor("on.message for the inbound message", () => seenMessages.find(m => m.message?.id === inboundId));
    check(onMessage.phoneID === PHONE_NUMBER_ID, "on.message: phoneID", onMessage.phoneID);
    check(onMessage.from === USER, "on.message: from", onMessage.from);
    check(onMessage.name === "Compat Tester", "on.message: name (contacts[0].profile.name)", onMessage.name);
    check(onMessage.message.type === "text" && onMessage.message.text?.body === inboundText, "on.message: text body", onMessage.message);
    log(`on.message fired for ${inboundId} from ${onMessage.from}`);

    const to = { phone: USER };

    const textId = checkSent("Text", await Whatsapp.sendMessage(PHONE_NUMBER_ID, to, new Text("Hello from whatsapp-api-js, via Parley")));

    const buttons = new Interactive(
        new ActionButtons(new Button("yes", "Yes"), new Button("no", "No")),
        new Body("Confirm your booking?"));
    const interactiveId = checkSent("Interactive reply buttons (as a reply)",
        await Whatsapp.sendMessage(PHONE_NUMBER_ID, to, buttons, inboundId));

    const locationId = checkSent("Location",
        await Whatsapp.sendMessage(PHONE_NUMBER_ID, to, new Location(-122.148, 37.485, "HQ", "1 Hacker Way, Menlo Park")));

    const reactionId = checkSent("Reaction",
        await Whatsapp.sendMessage(PHONE_NUMBER_ID, to, new Reaction(inboundId, "👍")));

    // Media: the SDK uploads a FormData with only the file (its Blob carries the type; no "type" field) and puts
    // messaging_product in the query string; it reads file_size back as a number.
    const png = new Uint8Array(600).map((_, i) => i < 8 ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a][i] : (i * 13) & 0xff);
    const form = new FormData();
    form.append("file", new Blob([png], { type: "image/png" }), "logo.png");
    const uploaded = await Whatsapp.uploadMedia(PHONE_NUMBER_ID, form);
    check(typeof uploaded?.id === "string" && /^[0-9]+$/.test(uploaded.id), "uploadMedia: a numeric media id", uploaded);
    const media = await Whatsapp.retrieveMedia(uploaded.id, PHONE_NUMBER_ID);
    check(media?.id === uploaded.id && media?.mime_type === "image/png" && media?.messaging_product === "whatsapp", "retrieveMedia: id, mime_type", media);
    check(typeof media.file_size === "number" && media.file_size === png.length, "retrieveMedia: file_size is the number of bytes", media);
    const download = await Whatsapp.fetchMedia(media.url);
    check(download.status === 200, "fetchMedia: HTTP 200", download.status);
    const bytes = new Uint8Array(await download.arrayBuffer());
    check(bytes.length === png.length && bytes.every((b, i) => b === png[i]), "fetchMedia: the uploaded bytes", bytes.length);
    const imageId = checkSent("Image by uploaded id", await Whatsapp.sendMessage(PHONE_NUMBER_ID, to, new Image(uploaded.id, true, "Our logo")));
    log(`media: uploaded ${uploaded.id} (${media.file_size} bytes), downloaded it and sent it`);

    const read = await Whatsapp.markAsRead(PHONE_NUMBER_ID, inboundId);
    check(read?.success === true, "markAsRead did not resolve with {success: true}", read);
    const typing = await Whatsapp.markAsRead(PHONE_NUMBER_ID, inboundId, "text");
    check(typing?.success === true, "markAsRead with a typing indicator did not resolve with {success: true}", typing);
    log("markAsRead: success (plain and with typing indicator)");

    check(sentCallbacks.filter(s => s.id).length === 5, "on.sent should have fired with an id for each of the 5 sends",
        sentCallbacks.map(s => s.id));

    // One invalid message: the SDK's Text constructor refuses > 4096 characters itself, so the body is set after
    // construction to let Parley be the one that refuses it.
    const tooLong = new Text("placeholder");
    tooLong.body = "x".repeat(4097);
    const refused = await Whatsapp.sendMessage(PHONE_NUMBER_ID, to, tooLong);
    check(refused?.error?.code === 100, "an over-length text body should surface Graph error code 100", refused);
    check(typeof refused.error.message === "string" && typeof refused.error.type === "string" && typeof refused.error.fbtrace_id === "string",
        "the Graph error should carry message, type and fbtrace_id", refused);
    check(refused.error.error_data?.messaging_product === "whatsapp" && /4096/.test(refused.error.error_data?.details ?? ""),
        "the Graph error's error_data.details should name the 4096-character limit", refused);
    check(refused.messages === undefined, "a refused message must not carry messages[]", refused);
    check(sdkRequests.at(-1)?.status === 400, "the refused message should have been HTTP 400", sdkRequests.at(-1));
    log(`invalid message refused: ${refused.error.message} (code ${refused.error.code}): ${refused.error.error_data.details}`);

    // Statuses, as whatsapp-api-js parsed them from Parley's signed webhooks.
    await waitFor("on.status sent, delivered and read for the text", () => {
        const s = statusesOf(textId);
        return s.has("sent") && s.has("delivered") && s.has("read");
    });
    for (const [label, id] of [["interactive", interactiveId], ["location", locationId], ["reaction", reactionId], ["image", imageId]]) {
        await waitFor(`on.status sent for the ${label}`, () => statusesOf(id).has("sent"));
    }
    const failed = seenStatuses.filter(s => s.status === "failed");
    check(failed.length === 0, "no message should have failed", failed.map(s => ({ id: s.id, error: s.error })));
    const textSent = seenStatuses.find(s => s.id === textId && s.status === "sent");
    check(textSent.phoneID === PHONE_NUMBER_ID && textSent.phone === USER, "on.status: phoneID / phone (recipient_id)",
        { phoneID: textSent.phoneID, phone: textSent.phone });
    // Per-message pricing: a reply in the window is a service message; only free entry points carry a conversation.
    check(textSent.pricing?.pricing_model === "PMP" && textSent.pricing?.category === "service" && textSent.conversation === undefined,
        "on.status sent: PMP pricing, no conversation", { conversation: textSent.conversation, pricing: textSent.pricing });
    log(`on.status for the text: ${[...statusesOf(textId)].join(", ")}`);

    if (subscription?.id) {
        await parley("DELETE", `/admin/webhooks/${subscription.id}`, undefined, { "X-Admin-Key": ADMIN_KEY });
    }

    clearTimeout(overall);
    finish(0, `OK: ${sdkRequests.length} SDK requests, ${webhookPosts.length} webhook POSTs verified and parsed by whatsapp-api-js`);
}

main().catch(error => {
    if (error instanceof CheckFailed) {
        finish(1, error.message);
    } else {
        finish(1, error?.stack ?? String(error));
    }
});
