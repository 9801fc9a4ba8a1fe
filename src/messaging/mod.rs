//! Messaging status callbacks (SMS, MMS, WhatsApp, RCS and other channels), from Twilio and
//! SignalWire.
//!
//! Both vendors POST them to the `StatusCallback` URL of a message (or of its Messaging
//! Service) each time its status changes: `queued`, `sent`, `delivered`, `undelivered`,
//! `failed`, `read`, `canceled`. They carry no `StatusCallbackEvent` and no event time: a
//! messaging callback is told by `MessageStatus` (or its legacy copy `SmsStatus`) with a
//! `MessageSid`.
//!
//! An incoming message (`SmsStatus=received`, or `receiving`) shares those parameters but is
//! not a status callback: [`parse`](crate::parse) refuses it with
//! [`ParseError::NotAStatusCallback`] ([`OtherWebhook::IncomingMessage`]). `Body` and
//! `NumMedia` do not tell them apart: SignalWire sends them on every status callback.
//!
//! Twilio warns that the parameters "vary by messaging channel and event type and are subject
//! to change": every parameter but `AccountSid` is optional here (a real callback of the
//! legacy SMS API has `SmsSid` and `SmsStatus` only),
//! and anything else lands in `extra` (the geographic `ToCity`, `ToCountry`, ... among them).
//!
//! Vendor pages:
//! - <https://www.twilio.com/docs/messaging/guides/track-outbound-message-status>
//! - <https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks>
//! - <https://signalwire.com/docs/compatibility-api/rest/messages/webhooks>
//!
//! # Ordering
//!
//! Each status is its own request, and requests may arrive out of order (`delivered` before
//! `sent`); order by the status itself, not by arrival.

use crate::declare::callback_family;
use crate::error::{OtherWebhook, ParseError};
use crate::params::{form_struct, Extra, RawParams};
use crate::sid::{AccountSid, ChannelInstallSid, MessageSid, MessagingServiceSid};
use crate::value::{open_enum, DlrDate};
use crate::Text;

open_enum! {
    /// `MessageStatus` (and `SmsStatus`): the status of the message when the callback was sent.
    pub enum MessageStatus {
        /// Accepted by a Messaging Service, no sender chosen yet (never called back).
        Accepted = "accepted",
        /// Scheduled by a Messaging Service (never called back).
        Scheduled = "scheduled",
        /// Queued to be sent.
        Queued = "queued",
        /// Being sent (SignalWire).
        Sending = "sending",
        /// Handed to the carrier or channel.
        Sent = "sent",
        /// Could not be sent (see `ErrorCode`).
        Failed = "failed",
        /// The carrier or channel confirmed delivery.
        Delivered = "delivered",
        /// The carrier or channel could not deliver it (see `ErrorCode`).
        Undelivered = "undelivered",
        /// Being received (an incoming message; not a status callback).
        Receiving = "receiving",
        /// Received (an incoming message; not a status callback).
        Received = "received",
        /// Read by the recipient (WhatsApp, RCS).
        Read = "read",
        /// A scheduled message canceled before it was sent.
        Canceled = "canceled",
        /// Some parts of a multi-part message delivered.
        PartiallyDelivered = "partially_delivered",
    }
}

impl MessageStatus {
    /// Whether this status ends the message's life: nothing but `read` comes after it.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            MessageStatus::Delivered
                | MessageStatus::Undelivered
                | MessageStatus::Failed
                | MessageStatus::Read
                | MessageStatus::Canceled
        )
    }
}

open_enum! {
    /// `EventType`: what happened after delivery, on channels that report it.
    ///
    /// Documented as `READ`; `DELIVERED` is seen in real WhatsApp callbacks.
    pub enum MessageEventType {
        /// The recipient read the message.
        Read = "READ",
        /// The message was delivered.
        Delivered = "DELIVERED",
    }
}

form_struct! {
    /// A messaging status callback, from Twilio or SignalWire.
    pub struct MessageStatusCallback {
        /// `AccountSid`: the Twilio account, or the SignalWire project. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `MessageSid`: the message (`SM...`/`MM...`, a UUID on SignalWire). Documented as
        /// always present, but a real callback of Twilio's legacy SMS API has only `SmsSid`
        /// (see [`sid`](Self::sid)).
        pub message_sid: Option<MessageSid> = opt("MessageSid"),
        /// `SmsSid`: the same value as `MessageSid`, kept for old integrations (Twilio).
        pub sms_sid: Option<MessageSid> = opt("SmsSid"),
        /// `MessageStatus`: the status. Present on every status callback seen; a body with
        /// only `SmsStatus` is taken too (see [`status`](Self::status)).
        pub message_status: Option<MessageStatus> = opt("MessageStatus"),
        /// `SmsStatus`: the same value as `MessageStatus` (Twilio, legacy).
        pub sms_status: Option<MessageStatus> = opt("SmsStatus"),
        /// `From`: the sender: E.164, or a channel address (`whatsapp:+1...`, `rcs:...`).
        /// Documented as always present.
        pub from: Option<Text> = opt("From"),
        /// `To`: the recipient. Not in Twilio's documentation, but in every capture.
        pub to: Option<Text> = opt("To"),
        /// `ApiVersion`: `2010-04-01` (Twilio; not documented, always seen).
        pub api_version: Option<Text> = opt("ApiVersion"),
        /// `MessagingServiceSid`: the Messaging Service that sent it, if one did.
        pub messaging_service_sid: Option<MessagingServiceSid> = opt("MessagingServiceSid"),
        /// `ErrorCode`: why it failed or was not delivered (`30003`), on `failed` and
        /// `undelivered`.
        pub error_code: Option<u32> = opt("ErrorCode"),
        /// `ErrorMessage`: a description of the error (not documented; read by many handlers).
        pub error_message: Option<Text> = opt("ErrorMessage"),
        /// `RawDlrDoneDate`: when the carrier's delivery receipt says the message was done
        /// (`YYMMDDhhmm`), on most SMS and MMS `delivered` and `undelivered` callbacks.
        pub raw_dlr_done_date: Option<DlrDate> = opt("RawDlrDoneDate"),
        /// `ChannelInstallSid`: the channel installation (`XE...`), on channel messages.
        pub channel_install_sid: Option<ChannelInstallSid> = opt("ChannelInstallSid"),
        /// `ChannelStatusMessage`: the channel's description of a failure.
        pub channel_status_message: Option<Text> = opt("ChannelStatusMessage"),
        /// `ChannelPrefix`: the channel, e.g. `whatsapp`.
        pub channel_prefix: Option<Text> = opt("ChannelPrefix"),
        /// `ChannelToAddress`: the recipient's address on the channel (seen on WhatsApp, not
        /// documented).
        pub channel_to_address: Option<Text> = opt("ChannelToAddress"),
        /// `EventType`: `READ` (or `DELIVERED`), on post-delivery events.
        pub event_type: Option<MessageEventType> = opt("EventType"),
        /// `Body`: the text (always on SignalWire; seen once on Twilio).
        pub body: Option<Text> = opt("Body"),
        /// `NumMedia`: how many media files (SignalWire).
        pub num_media: Option<u32> = opt("NumMedia"),
        /// `NumSegments`: how many segments (SignalWire).
        pub num_segments: Option<u32> = opt("NumSegments"),
        /// Parameters with no typed field (geographic fields among them).
        pub extra: Extra = extra,
    }
}

impl MessageStatusCallback {
    /// The message: `MessageSid`, or `SmsSid` when only that one was sent (the detection rule
    /// requires one of them).
    pub fn sid(&self) -> Option<&MessageSid> {
        self.message_sid.as_ref().or(self.sms_sid.as_ref())
    }

    /// The status: `MessageStatus`, or `SmsStatus` when only that one was sent.
    pub fn status(&self) -> Option<&MessageStatus> {
        self.message_status.as_ref().or(self.sms_status.as_ref())
    }
}

callback_family! {
    pub struct MessageStatusCallback;
    kind: "message-status";
    family: "messaging status";
    told by "MessageStatus" if is_message_status;
    deduplicated by ["MessageSid", "SmsSid", "MessageStatus", "SmsStatus", "EventType"];
    timestamp is event time: false;
    timestamp: |_| None;
}

/// A `MessageStatus` (or `SmsStatus`) with a `MessageSid`; `received` and `receiving` are an
/// incoming message, an error that says so.
fn is_message_status(params: &RawParams<'_>) -> Result<bool, ParseError> {
    let telling = if params.has("MessageStatus") {
        "MessageStatus"
    } else if params.has("SmsStatus") {
        "SmsStatus"
    } else {
        return Ok(false);
    };
    if !params.has("MessageSid") && !params.has("SmsSid") {
        return Ok(false);
    }
    let incoming = ["MessageStatus", "SmsStatus"].iter().any(|name| {
        matches!(
            params.discriminator(name),
            Ok(Some("received" | "receiving"))
        )
    });
    if incoming {
        return Err(ParseError::NotAStatusCallback {
            looks_like: OtherWebhook::IncomingMessage,
            telling,
        });
    }
    Ok(true)
}
