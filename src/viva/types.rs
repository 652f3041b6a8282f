//! Viva's closed sets: the webhook event types, the transaction types and statuses.

use crate::wire::enums::{code_enum, string_enum};

code_enum! {
    /// `EventTypeId`: which event a webhook message reports. Every id of Viva's
    /// "Webhooks for payments" pages (`developer.viva.com/webhooks-for-payments/<name>`);
    /// third-party SDKs (sebdesign, Naaikho) agree on the names and ids.
    ///
    /// ```
    /// use provider_payloads::viva::EventTypeId;
    ///
    /// let id = EventTypeId::from(1797);
    /// assert_eq!(id, EventTypeId::TransactionReversalCreated);
    /// assert_eq!((id.code(), id.to_string()), (1797, "1797".to_owned()));
    /// assert!(id.has_transaction_data());
    /// // An id no one lists is kept as `Other`, and written back as it came.
    /// assert_eq!(EventTypeId::from(7936), EventTypeId::Other(7936));
    /// assert!(!EventTypeId::Other(7936).is_documented());
    /// // From the text of a URL or a header: the digits only, as Viva writes them.
    /// assert_eq!("8448".parse(), Ok(EventTypeId::TransferCreated));
    /// assert!("08448".parse::<EventTypeId>().is_err());
    /// ```
    pub enum EventTypeId {
        /// "Command Bank Transfer Created": a transfer to an external IBAN was created,
        /// not yet executed.
        CommandBankTransferCreated = 768,
        /// "Command Bank Transfer Executed".
        CommandBankTransferExecuted = 769,
        /// "Transaction Payment Created" (the document's "Create transaction"): a payment
        /// was made.
        TransactionPaymentCreated = 1796,
        /// "Transaction Reversal Created" (the document's "Cancel / refund transaction"):
        /// a payment was cancelled or refunded.
        TransactionReversalCreated = 1797,
        /// "Transaction Failed". Not final: "please do not treat a Transaction Failed
        /// webhook as 'final'" (a later 1796 may follow).
        TransactionFailed = 1798,
        /// "Transaction Price Calculated": "a Viva commission has been withdrawn".
        TransactionPriceCalculated = 1799,
        /// "Transaction Pos Ecr Session Created": an ECR POS session made its transaction.
        TransactionPosEcrSessionCreated = 1802,
        /// "Transaction Pos Ecr Session Failed": "failed, cancelled, timed out or aborted".
        TransactionPosEcrSessionFailed = 1803,
        /// "Account Transaction Created": any change in a wallet's balance.
        AccountTransactionCreated = 2054,
        /// "Order Updated": a payment order was cancelled (Smart Checkout's back button,
        /// or the API).
        OrderUpdated = 4865,
        /// "Obligation Created" (deprecated: "obligations are now deprecated"). Its body
        /// has no envelope ([`Obligation`](super::Obligation)).
        ObligationCreated = 5632,
        /// "Obligation Captured" (deprecated, as 5632).
        ObligationCaptured = 5633,
        /// "Account Connected" (Marketplace and ISV): a merchant's account was connected
        /// to the platform's.
        AccountConnected = 8193,
        /// "Account Verification Status Changed" (Marketplace and ISV; "only available in
        /// the Production environment").
        AccountVerificationStatusChanged = 8194,
        /// "Transfer Created" (Marketplace): funds sent to a connected account, a transfer
        /// reversed.
        TransferCreated = 8448,
    }
}

impl EventTypeId {
    /// Whether the event's data is a transaction ([`TransactionEventData`]): 1796, 1797
    /// and 1798.
    ///
    /// [`TransactionEventData`]: super::TransactionEventData
    pub fn has_transaction_data(&self) -> bool {
        matches!(
            *self,
            EventTypeId::TransactionPaymentCreated
                | EventTypeId::TransactionReversalCreated
                | EventTypeId::TransactionFailed
        )
    }
}

code_enum! {
    /// `TransactionTypeId`: what kind of transaction the event is about. The seed
    /// document's two tables ([`TransactionTable`]) name eleven; Viva's transaction
    /// parameters page adds 1 and 18; the rest are named by two third-party SDKs that
    /// agree on them (sebdesign/laravel-viva-payments, stadem/viva-payments, both citing
    /// Viva's response-codes page, which no copy read here reaches). Where they do not
    /// agree (32: Multibanco in one, absent in the other) or only one names an id (54-57,
    /// 64, 65, 68 and up), the id is kept as `Other`. 16 and 17 keep the seed's names:
    /// the transaction parameters page calls 16 "PaymentFromReseller", "Cash Payments,
    /// through the Viva Wallet Authorised Resellers Network", and lists no 17.
    pub enum TransactionTypeId {
        /// "Capture from Preauth".
        CaptureFromPreauth = 0,
        /// "Charge Card".
        ChargeCard = 5,
        /// "Charge Card w. Installments".
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
        /// "Authorization hold" (Viva's transaction parameters page).
        CardPreauth = 1,
        /// "A Refunded installment" (Viva's transaction parameters page).
        RefundInstallments = 18,
        /// Card Original Credit (third-party SDKs).
        CardOriginalCredit = 8,
        /// Card Payout (third-party SDKs).
        CardPayout = 19,
        /// Alipay Charge (third-party SDKs).
        AlipayCharge = 20,
        /// Alipay Refund (third-party SDKs).
        AlipayRefund = 21,
        /// Card Manual Cash Disbursement (third-party SDKs).
        CardManualCashDisbursement = 22,
        /// iDEAL Charge (third-party SDKs).
        IdealCharge = 23,
        /// iDEAL Refund (third-party SDKs).
        IdealRefund = 24,
        /// P24 Charge (third-party SDKs).
        P24Charge = 25,
        /// P24 Refund (third-party SDKs).
        P24Refund = 26,
        /// BLIK Charge (third-party SDKs).
        BlikCharge = 27,
        /// BLIK Refund (third-party SDKs).
        BlikRefund = 28,
        /// PayU Charge (third-party SDKs).
        PayUCharge = 29,
        /// PayU Refund (third-party SDKs).
        PayURefund = 30,
        /// Card Withdrawal (third-party SDKs).
        CardWithdrawal = 31,
        /// Giropay Charge (third-party SDKs).
        GiropayCharge = 34,
        /// Giropay Refund (third-party SDKs).
        GiropayRefund = 35,
        /// Sofort Charge (third-party SDKs).
        SofortCharge = 36,
        /// Sofort Refund (third-party SDKs).
        SofortRefund = 37,
        /// EPS Charge (third-party SDKs).
        EpsCharge = 38,
        /// EPS Refund (third-party SDKs).
        EpsRefund = 39,
        /// WeChat Pay Charge (third-party SDKs).
        WeChatPayCharge = 40,
        /// WeChat Pay Refund (third-party SDKs).
        WeChatPayRefund = 41,
        /// BitPay Charge (third-party SDKs).
        BitPayCharge = 42,
        /// SEPA Direct Debit Charge (third-party SDKs).
        SepaDirectDebitCharge = 44,
        /// SEPA Direct Debit Refund (third-party SDKs).
        SepaDirectDebitRefund = 45,
        /// PayPal Charge (third-party SDKs).
        PayPalCharge = 48,
        /// PayPal Refund (third-party SDKs).
        PayPalRefund = 49,
        /// Trustly Charge (third-party SDKs).
        TrustlyCharge = 50,
        /// Trustly Refund (third-party SDKs).
        TrustlyRefund = 51,
        /// Klarna Charge (third-party SDKs).
        KlarnaCharge = 52,
        /// Klarna Refund (third-party SDKs).
        KlarnaRefund = 53,
        /// Payconiq Charge (third-party SDKs).
        PayconiqCharge = 58,
        /// Payconiq Refund (third-party SDKs).
        PayconiqRefund = 59,
        /// IRIS Charge (third-party SDKs).
        IrisCharge = 60,
        /// IRIS Refund (third-party SDKs).
        IrisRefund = 61,
        /// Online Banking Charge (third-party SDKs).
        OnlineBankingCharge = 62,
        /// Online Banking Refund (third-party SDKs).
        OnlineBankingRefund = 63,
        /// TBI Bank Charge (third-party SDKs).
        TbiBankCharge = 66,
        /// TBI Bank Refund (third-party SDKs).
        TbiBankRefund = 67,
    }
}

/// The table of the seed document a [`TransactionTypeId`] comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransactionTable {
    /// The types of "Create transaction" (EventTypeId 1796).
    Payment,
    /// The types of "Cancel / refund transaction" (EventTypeId 1797).
    Reversal,
}

impl TransactionTypeId {
    /// The seed document's table the type is listed in; `None` for a type neither lists.
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
            _ => None,
        }
    }

    /// The type's description, as its source names it; `None` for a type none lists.
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
            Self::CardPreauth => "Authorization hold",
            Self::RefundInstallments => "A Refunded installment",
            Self::CardOriginalCredit => "Card Original Credit",
            Self::CardPayout => "Card Payout",
            Self::AlipayCharge => "Alipay Charge",
            Self::AlipayRefund => "Alipay Refund",
            Self::CardManualCashDisbursement => "Card Manual Cash Disbursement",
            Self::IdealCharge => "iDEAL Charge",
            Self::IdealRefund => "iDEAL Refund",
            Self::P24Charge => "P24 Charge",
            Self::P24Refund => "P24 Refund",
            Self::BlikCharge => "BLIK Charge",
            Self::BlikRefund => "BLIK Refund",
            Self::PayUCharge => "PayU Charge",
            Self::PayURefund => "PayU Refund",
            Self::CardWithdrawal => "Card Withdrawal",
            Self::GiropayCharge => "Giropay Charge",
            Self::GiropayRefund => "Giropay Refund",
            Self::SofortCharge => "Sofort Charge",
            Self::SofortRefund => "Sofort Refund",
            Self::EpsCharge => "EPS Charge",
            Self::EpsRefund => "EPS Refund",
            Self::WeChatPayCharge => "WeChat Pay Charge",
            Self::WeChatPayRefund => "WeChat Pay Refund",
            Self::BitPayCharge => "BitPay Charge",
            Self::SepaDirectDebitCharge => "SEPA Direct Debit Charge",
            Self::SepaDirectDebitRefund => "SEPA Direct Debit Refund",
            Self::PayPalCharge => "PayPal Charge",
            Self::PayPalRefund => "PayPal Refund",
            Self::TrustlyCharge => "Trustly Charge",
            Self::TrustlyRefund => "Trustly Refund",
            Self::KlarnaCharge => "Klarna Charge",
            Self::KlarnaRefund => "Klarna Refund",
            Self::PayconiqCharge => "Payconiq Charge",
            Self::PayconiqRefund => "Payconiq Refund",
            Self::IrisCharge => "IRIS Charge",
            Self::IrisRefund => "IRIS Refund",
            Self::OnlineBankingCharge => "Online Banking Charge",
            Self::OnlineBankingRefund => "Online Banking Refund",
            Self::TbiBankCharge => "TBI Bank Charge",
            Self::TbiBankRefund => "TBI Bank Refund",
            Self::Other(_) => return None,
        })
    }

    /// Whether the type cancels a payment before it settled: "Void Card Transaction" (7)
    /// and "Void Cash" (17).
    pub fn is_void(&self) -> bool {
        matches!(self, Self::VoidCard | Self::VoidCash)
    }

    /// Whether the type charges money in: "Capture from Preauth" (0), "Charge Card" (5),
    /// "Charge Card w. Installments" (6), "Wallet Charge" (9), "Dias Payment" (15),
    /// "Cash Payment" (16): the seed's "Create transaction" table; and each payment
    /// method's charge (20, 23, 25, 27, 29, 34, 36, 38, 40, 42, 44, 48, 50, 52, 58, 60,
    /// 62, 66; two third-party SDKs). Not a pre-authorization (1, a hold), nor money
    /// paid out ([`is_payout`](Self::is_payout)).
    pub fn is_charge(&self) -> bool {
        matches!(
            self,
            Self::CaptureFromPreauth
                | Self::ChargeCard
                | Self::ChargeCardWithInstallments
                | Self::WalletCharge
                | Self::DiasPayment
                | Self::CashPayment
                | Self::AlipayCharge
                | Self::IdealCharge
                | Self::P24Charge
                | Self::BlikCharge
                | Self::PayUCharge
                | Self::GiropayCharge
                | Self::SofortCharge
                | Self::EpsCharge
                | Self::WeChatPayCharge
                | Self::BitPayCharge
                | Self::SepaDirectDebitCharge
                | Self::PayPalCharge
                | Self::TrustlyCharge
                | Self::KlarnaCharge
                | Self::PayconiqCharge
                | Self::IrisCharge
                | Self::OnlineBankingCharge
                | Self::TbiBankCharge
        )
    }

    /// Whether the type holds an amount on the card without taking it: the card
    /// pre-authorization (1, "Authorization hold"). Its capture is a transaction of its
    /// own (0, "Capture from Preauth").
    pub fn is_authorization(&self) -> bool {
        matches!(self, Self::CardPreauth)
    }

    /// Whether the type pays money out, to a card or in cash: "Card Original Credit"
    /// (8), "Card Payout" (19), "Card Manual Cash Disbursement" (22) and "Card
    /// Withdrawal" (31). Never a charge.
    pub fn is_payout(&self) -> bool {
        matches!(
            self,
            Self::CardOriginalCredit
                | Self::CardPayout
                | Self::CardManualCashDisbursement
                | Self::CardWithdrawal
        )
    }

    /// Whether the type refunds a payment: 4, 11, 13, 18, and each method's refund.
    pub fn is_refund(&self) -> bool {
        matches!(
            self,
            Self::RefundCard
                | Self::WalletRefund
                | Self::RefundCardFromClaim
                | Self::RefundInstallments
                | Self::AlipayRefund
                | Self::IdealRefund
                | Self::P24Refund
                | Self::BlikRefund
                | Self::PayURefund
                | Self::GiropayRefund
                | Self::SofortRefund
                | Self::EpsRefund
                | Self::WeChatPayRefund
                | Self::SepaDirectDebitRefund
                | Self::PayPalRefund
                | Self::TrustlyRefund
                | Self::KlarnaRefund
                | Self::PayconiqRefund
                | Self::IrisRefund
                | Self::OnlineBankingRefund
                | Self::TbiBankRefund
        )
    }
}

string_enum! {
    /// `StatusId`: where a transaction stands (Viva's transaction parameters page; `C`
    /// from two third-party SDKs, sebdesign and stadem, citing Viva's response-codes
    /// page).
    pub enum StatusId {
        /// "The transaction has been completed successfully".
        Finished = "F",
        /// "The transaction is in progress".
        InProgress = "A",
        /// "The transaction was not completed because of an error".
        Error = "E",
        /// "The transaction was cancelled by the merchant".
        Cancelled = "X",
        /// "The transaction has been fully or partially refunded".
        Refunded = "R",
        /// "The cardholder has disputed the transaction with the issuing Bank".
        Disputed = "M",
        /// "Dispute Awaiting Response".
        DisputeAwaitingResponse = "MA",
        /// "Dispute in Progress".
        DisputeInProgress = "MI",
        /// "A disputed transaction has been refunded (Dispute Lost)".
        DisputeLost = "ML",
        /// "Dispute Won".
        DisputeWon = "MW",
        /// "Suspected Dispute".
        SuspectedDispute = "MS",
        /// Captured: "the original pre-auth, now captured" (third-party SDKs; the capture
        /// itself is a transaction of its own, with `F`).
        Captured = "C",
    }
}
