//! Viva's closed sets: the webhook event types and the transaction types.

use crate::wire::enums::code_enum;

code_enum! {
    /// `EventTypeId`: which event a webhook message reports. The document describes two
    /// "available as triggers"; Viva sends others too (1798 transaction failed, 1799
    /// price calculated, in real webhooks), which are kept.
    pub enum EventTypeId {
        /// "Create transaction": a payment was made.
        TransactionPaymentCreated = 1796,
        /// "Cancel / refund transaction": a payment was cancelled or refunded.
        TransactionReversalCreated = 1797,
        /// "Account Connected" (Marketplace and ISV): a merchant's account was connected
        /// to the platform's.
        AccountConnected = 8193,
    }
}

impl EventTypeId {
    /// 1798, "Transaction Failed": not in the document, sent by real webhooks with the
    /// event data of a transaction (`StatusId` `E`). Kept as `Other(1798)`, since the
    /// document does not list it.
    pub const TRANSACTION_FAILED: EventTypeId = EventTypeId::Other(1798);

    /// 1799, "Transaction Price Calculated": not in the document, sent by real webhooks
    /// with the fees of a transaction (`IsvFee`, `Interchange`, `TotalCommission`).
    pub const TRANSACTION_PRICE_CALCULATED: EventTypeId = EventTypeId::Other(1799);

    /// Whether the event's data is a transaction ([`TransactionEventData`]): 1796, 1797
    /// and 1798.
    ///
    /// [`TransactionEventData`]: super::TransactionEventData
    pub fn has_transaction_data(&self) -> bool {
        matches!(
            *self,
            EventTypeId::TransactionPaymentCreated
                | EventTypeId::TransactionReversalCreated
                | EventTypeId::TRANSACTION_FAILED
        )
    }
}

code_enum! {
    /// `TransactionTypeId`: what kind of transaction the event is about, from the
    /// document's two tables ([`TransactionTable`]).
    pub enum TransactionTypeId {
        /// "Capture from Preauth".
        CaptureFromPreauth = 0,
        /// "Charge Card".
        ChargeCard = 5,
        /// "Charge Card w. Installments": one notification for the initial charge, for
        /// the total amount; none for the installments that follow.
        ChargeCardWithInstallments = 6,
        /// "Wallet Charge".
        WalletCharge = 9,
        /// "Dias Payment".
        DiasPayment = 15,
        /// "Cash Payment".
        CashPayment = 16,
        /// "Refund Card Transaction".
        RefundCard = 4,
        /// "Void Card Transaction".
        VoidCard = 7,
        /// "Wallet Refund Transaction".
        WalletRefund = 11,
        /// "Refund Card Transaction from Claim".
        RefundCardFromClaim = 13,
        /// "Void Cash".
        VoidCash = 17,
    }
}

/// The table of the document a [`TransactionTypeId`] comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransactionTable {
    /// The types of "Create transaction" (EventTypeId 1796).
    Payment,
    /// The types of "Cancel / refund transaction" (EventTypeId 1797).
    Reversal,
}

impl TransactionTypeId {
    /// The table the type is listed in; `None` for a type neither lists.
    pub fn table(&self) -> Option<TransactionTable> {
        match self {
            Self::CaptureFromPreauth
            | Self::ChargeCard
            | Self::ChargeCardWithInstallments
            | Self::WalletCharge
            | Self::DiasPayment
            | Self::CashPayment => Some(TransactionTable::Payment),
            Self::RefundCard
            | Self::VoidCard
            | Self::WalletRefund
            | Self::RefundCardFromClaim
            | Self::VoidCash => Some(TransactionTable::Reversal),
            Self::Other(_) => None,
        }
    }

    /// The table's description of the type; `None` for a type neither lists.
    pub fn description(&self) -> Option<&'static str> {
        Some(match self {
            Self::CaptureFromPreauth => "Capture from Preauth",
            Self::ChargeCard => "Charge Card",
            Self::ChargeCardWithInstallments => "Charge Card w. Installments",
            Self::WalletCharge => "Wallet Charge",
            Self::DiasPayment => "Dias Payment",
            Self::CashPayment => "Cash Payment",
            Self::RefundCard => "Refund Card Transaction",
            Self::VoidCard => "Void Card Transaction",
            Self::WalletRefund => "Wallet Refund Transaction",
            Self::RefundCardFromClaim => "Refund Card Transaction from Claim",
            Self::VoidCash => "Void Cash",
            Self::Other(_) => return None,
        })
    }
}
