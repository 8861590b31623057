"""Hand-written Tidewell policy articles for rag-docs.jsonl (product articles are composed from
catalog.py in docs.py). Facts follow the store policies listed in catalog.py; each entry is (slug, title, paragraphs)."""

POLICY_DOCS = [
    ("return-policy", "Tidewell return policy", [
        "Most items bought from Tidewell can be returned within 30 days of delivery for a full refund to the original payment method. Tidewell Plus members get an extended window of 60 days on every order placed while their membership is active.",
        "To be accepted, a return must include everything that came in the box: accessories, cables, manuals and any free gift that was part of the offer. The original packaging is not required, but the item must be packed so that it cannot move around in transit. Items returned with missing parts may receive a partial refund.",
        "Some products have their own rules. Opened earbuds and in-ear headphones, opened water filter cartridges and gift cards cannot be returned unless they are faulty, and opened standing desks and compact fridges carry a restocking fee. These exceptions are listed on the product page before you buy.",
        "Start every return from the Orders page of your account so that it is linked to your order and refunded automatically when it reaches our warehouse.",
    ]),
    ("holiday-returns", "Extended returns for the holiday season", [
        "Gifts bought for the holidays often get opened weeks after they were delivered. To give everyone enough time, items delivered between November 1 and December 24 can be returned until January 31 of the following year.",
        "The extended window applies automatically; you do not need to sign up or keep a special receipt. It covers the same items as our normal return policy, so exceptions such as opened earbuds and filter cartridges still apply.",
        "If you receive a Tidewell product as a gift, you can return it with the gift receipt or the order number and receive a Tidewell gift card for its value. The person who sent the gift is not told about the return.",
    ]),
    ("return-shipping", "Return shipping costs and drop-off locations", [
        "Returning an item is free when it arrived damaged, faulty or was not what you ordered. For any other reason, we deduct a flat $6.95 from your refund to cover the prepaid label.",
        "You can avoid that fee by dropping the parcel off at a partner location. Every UPS Store and the partner parcel lockers shown on your return page accept Tidewell returns with a QR code, so you do not need to print a label or find a box of the right size.",
        "Labels are valid for 14 days. If yours expires, open the return again and generate a new one; it does not change your refund. Large items such as standing desks and compact fridges are collected by a freight carrier, and the carrier calls to arrange a pickup window.",
    ]),
    ("non-returnable-items", "Items that cannot be returned once opened", [
        "For hygiene reasons, a small group of products cannot be returned after the packaging has been opened, unless they are defective. This applies to in-ear headphones and earbuds, including Orbit Buds and Orbit Buds Pro, and to water filter cartridges for the Cascade pitcher.",
        "The Cascade pitcher itself, without an opened cartridge, follows our normal return policy. Unopened earbuds can be returned within the usual window.",
        "Gift cards cannot be returned or exchanged for cash, except where the law requires it. Digital services such as extended protection plans can be cancelled for a prorated refund within their first 30 days.",
        "If an item in this group is faulty, it is covered by our warranty. Start a warranty claim from the order page and we will replace it.",
    ]),
    ("restocking-fees", "Restocking fees on large items", [
        "Standing desks and compact fridges are heavy, ship by freight, and often need to be repacked and inspected before we can sell them again. When one of these items is returned opened and not defective, a restocking fee of 15 percent of the item price is deducted from the refund.",
        "No restocking fee applies when the item arrived damaged, does not work, or is not what you ordered. Unopened large items can be returned without a fee within the normal 30-day window.",
        "Because these items are collected by a freight carrier, please disassemble standing desks and pack the parts securely. The carrier cannot take an assembled desk or a fridge that still contains food or water.",
    ]),
    ("refund-timing", "When will I get my refund?", [
        "Refunds are issued to your original payment method within 2 business days of our warehouse inspecting the return. You will get an email the moment the refund is sent, with the amount and a reference number.",
        "After that, it takes your bank 3 to 5 business days to show the refund on your statement. Some credit cards show it as a pending credit first. PayPal refunds usually appear within one day.",
        "If you paid with a gift card, that part of the refund goes back to the gift card and can be used straight away. Pay in 4 refunds reduce your remaining installments first, and any amount already paid is returned to your card.",
        "You can follow each step under Returns in your account: label created, in transit, received, inspected and refunded.",
    ]),
    ("exchanges", "Exchanging an item for another colour or size", [
        "If you would like the same product in a different colour or size, choose Exchange instead of Return on the order page. Exchanges are free, and we ship the new item as soon as the carrier scans your return, so you do not have to wait for it to reach us.",
        "Exchanges are only possible for the same product. To switch to a different model, return the original item for a refund and place a new order; you will be charged for the new order straight away and refunded for the return once it is inspected.",
        "If the colour you want is out of stock, the exchange option will not offer it. Sign up for a back-in-stock alert on the product page instead.",
    ]),
    ("warranty", "Tidewell limited warranty", [
        "Every product sold by Tidewell comes with a 1-year limited warranty that starts on the delivery date. Tidewell Plus members get an extended 2-year warranty on products bought while their membership is active.",
        "The warranty covers defects in materials and workmanship under normal use. It does not cover accidental damage, water damage beyond the product's rated water resistance, normal wear of consumable parts such as filters, brushes and ear tips, or damage caused by unauthorised repairs.",
        "If a product fails during the warranty period, we will repair or replace it at no cost. Replacements are covered for the rest of the original warranty or for 90 days, whichever is longer.",
        "Accidental damage protection is available separately through TideCare plans of two or three years, which can be added within 30 days of purchase.",
    ]),
    ("warranty-claims", "How to make a warranty claim", [
        "Open Orders in your account, find the order, and choose Warranty claim next to the item. Describe what happens, and attach a photo or short video that shows the problem; for devices with an app, include the firmware version shown in the device settings.",
        "Most claims are reviewed within 2 business days. When a claim is approved, we either ship a replacement right away with a prepaid label for the faulty unit, or send a prepaid repair label if the product can be fixed.",
        "Before you claim, try the troubleshooting steps for your product; many problems are solved by a firmware update or a factory reset. Our support team can also run remote diagnostics for devices connected to the Tidewell Home app.",
    ]),
    ("shipping-rates", "Shipping rates and delivery times", [
        "Standard shipping takes 3 to 5 business days and is free on orders over $50. Below that amount it costs $5.99. Express shipping takes 1 to 2 business days and costs $12.95; it is free for Tidewell Plus members.",
        "Delivery times start when the order leaves our warehouse, which is usually the same business day for orders placed before 1 pm Eastern and the next business day otherwise.",
        "Parcels can be delivered on Saturdays in most US cities, but there are no Sunday deliveries. Your delivery estimate is shown at checkout and updated on the order page as the parcel moves.",
    ]),
    ("next-day-delivery", "Next-day delivery", [
        "Need it tomorrow? Next-day delivery costs $24.95 and is available for orders placed before 1 pm Eastern on a business day. Orders placed after the cut-off, or on a weekend, arrive on the second business day.",
        "Next-day delivery is offered to most addresses in the contiguous United States. It is not available for PO boxes, military addresses, or large items that ship by freight, and the option only appears at checkout when every item in the cart qualifies.",
        "If a next-day order arrives late because of a carrier delay, we refund the difference between next-day and standard shipping automatically.",
    ]),
    ("international-shipping", "Shipping outside the United States", [
        "Tidewell ships to Canada, the United Kingdom, the countries of the European Union and Australia. International orders travel with DHL and arrive in 7 to 14 business days.",
        "Duties and import taxes are calculated at checkout and included in the total you pay, so the courier will not ask for any extra payment on delivery. The amount depends on the destination country and the value of the order.",
        "Please check before ordering that the product suits the destination: some appliances are sold only with US plugs and 120 V power supplies. Each product page lists the countries it can be shipped to.",
        "International returns are accepted within the normal return window. We email a prepaid DHL label, and the return shipping fee is deducted unless the item is faulty.",
    ]),
    ("po-boxes-military", "PO boxes and military addresses", [
        "We deliver to PO boxes and to APO, FPO and DPO military addresses through USPS standard shipping. Express and next-day delivery cannot be selected for these addresses because the carriers that provide them do not deliver there.",
        "Deliveries to military addresses usually take 7 to 21 days, and tracking updates can be sparse once the parcel enters the military mail system.",
        "Standing desks and compact fridges ship by freight and need a street address. If you live rurally and only receive mail at a PO box, you can have USPS hold a parcel at your post office by adding General Delivery to the address.",
    ]),
    ("freight-delivery", "Delivery of large items by freight", [
        "Standing desks and compact fridges are delivered by a freight carrier rather than a parcel service. Within 2 business days of shipping, the carrier calls or texts to book a four-hour delivery window.",
        "Freight delivery is curbside: the driver unloads the item at the curb or the entrance of your building. Please arrange help to move it indoors; the Atlas standing desk weighs 34 kg in its box.",
        "Inspect the packaging before you sign. If the box is visibly damaged, note it on the delivery receipt and take photos, then report it from the order page within 7 days.",
    ]),
    ("store-pickup", "Store pickup", [
        "Choose Pickup at checkout to collect your order from a Tidewell pickup point at no cost. We send a ready-for-pickup message with a pickup code, usually within 2 hours.",
        "Pickup orders are held for 7 days after the ready message. After that they are cancelled and refunded in full. Pickup points are open the same hours as the shopping centre or store they are located in.",
        "Someone else can collect the order if you add their name under Pickup person on the order page. The person collecting needs to bring photo ID and the pickup code from the message.",
    ]),
    ("lost-packages", "Packages marked delivered but not received", [
        "Carriers sometimes scan a parcel as delivered shortly before it actually arrives, so first wait 48 hours. In the meantime, check around your property, your mailroom, parcel lockers and with neighbours.",
        "If the parcel has still not arrived after 48 hours, report it from the order page. We open a claim with the carrier and send a replacement or a refund within 5 business days, without waiting for the claim to be settled.",
        "To reduce the risk for future orders, add delivery instructions to your saved address, choose store pickup, or have parcels delivered to a partner locker.",
    ]),
    ("damaged-deliveries", "Items that arrive damaged", [
        "If your order arrives damaged, report it from the order page within 7 days of delivery and attach photos of the outer box, the packaging inside and the item itself.",
        "Once the report is reviewed, we send a replacement or a full refund including the original shipping cost, whichever you prefer. There is no cost to you.",
        "You do not need to return the damaged item unless a prepaid label is included with the replacement. Please do not use a damaged appliance, especially heaters, kettles and fridges, until it has been inspected.",
    ]),
    ("order-cancellation", "Cancelling an order", [
        "You can cancel an order yourself within 60 minutes of placing it: open the order and choose Cancel order. The authorization on your card is released by your bank within 3 to 5 business days.",
        "After 60 minutes, the order may already be in the warehouse. Contact support and we will try to stop it; if it has shipped, you can refuse the delivery or return it within the return window.",
        "Backordered and preordered items can be cancelled at any time before they ship, because they are not charged until then.",
    ]),
    ("backorders-preorders", "Backorders and preorders", [
        "When an item is temporarily out of stock, you can still order it. The product page and your order show the expected ship date, and we email you if that date changes.",
        "For backorders and preorders, your card is only authorized at checkout. The payment is captured when the item ships, and you can cancel without charge any time before then.",
        "If a backordered item is part of a larger order, the in-stock items ship right away and the rest follows, with no extra shipping cost.",
    ]),
    ("payment-methods", "Accepted payment methods", [
        "Tidewell accepts Visa, Mastercard, American Express and Discover cards, PayPal, Apple Pay, Google Pay, Tidewell gift cards, and Pay in 4 installments for orders between $50 and $1,500.",
        "Saved cards are stored by our payment processor, not on Tidewell servers, and only the last four digits are shown in your account. You can add, remove or change your default card under Account > Wallet.",
        "If a card is declined, check that the billing address matches your bank's records and that the saved card has not expired. Some banks also ask you to approve large online purchases in their app.",
    ]),
    ("authorization-holds", "Why you may see two charges for one order", [
        "When you place an order, we ask your bank to authorize the order total. This temporary hold can appear on your statement as a pending charge. When the order ships, we capture the final amount, which appears as a second line.",
        "The authorization is released automatically by your bank within 3 to 5 business days, and only the captured charge remains. If part of the order is cancelled, only the amount for the items that shipped is captured.",
        "If both lines are still visible after 5 business days, contact support with the transaction dates and we will ask our payment processor to release the hold directly.",
    ]),
    ("pay-in-4", "Pay in 4 installments", [
        "Pay in 4 lets you split an order between $50 and $1,500 into four interest-free payments. The first payment is taken at checkout and the remaining three every two weeks after that.",
        "Signing up uses a soft credit check that does not affect your credit score. You can pay the remaining installments early at any time without a fee.",
        "There is no interest or fee when payments are made on time. A missed installment can carry a late fee of up to $7. If you return items, the refund reduces your remaining installments first.",
    ]),
    ("promo-codes", "Promo code terms", [
        "Only one promo code can be used per order, and it must be entered before you pay. Promo codes can be combined with gift cards, but not with other promotional prices unless the offer says so.",
        "If you forgot to enter a valid code, contact support within 7 days of placing the order. We will check that the code applied to your items and refund the discount to your original payment method.",
        "Codes have an end date and may be limited to certain products or to first orders. Codes cannot be exchanged for cash, and a code used on an order that is fully returned is not reissued.",
    ]),
    ("price-adjustments", "Price adjustment policy", [
        "If the price of an item you bought from Tidewell drops within 14 days of your purchase, we refund the difference. Price adjustments are made once per item.",
        "The adjustment compares our own prices only; we do not match prices from other retailers. Clearance items, flash deals and bundle prices are not eligible.",
        "To request an adjustment, contact support with the order number. The difference is refunded to your original payment method, usually within 3 to 5 business days.",
        "Tidewell Plus members get the same 14-day price adjustment; there is no separate member price protection.",
    ]),
    ("gift-cards", "Tidewell gift cards", [
        "Tidewell gift cards never expire and have no fees. They are available as physical cards and as digital cards delivered by email, in amounts from $10 to $500.",
        "Check a balance by adding the card under Account > Wallet, or on the Gift Card Balance page without signing in. You can use up to five gift cards on a single order and pay any remaining amount with another method.",
        "Gift cards cannot be reloaded, returned or exchanged for cash, except where required by law. Treat them like cash: we cannot replace a gift card that was lost or used by someone else.",
    ]),
    ("sales-tax", "Sales tax on Tidewell orders", [
        "Tidewell collects sales tax in every state where it is required. The tax is based on the shipping address, not the billing address, and the rate can differ by state, county and city.",
        "In some states shipping charges are taxable and in others they are not, which is why two orders of the same items can show different tax amounts.",
        "Nonprofit organisations and resellers can apply for tax exemption through a business account. Once the exemption certificate is approved, qualifying purchases made from that account are not taxed.",
    ]),
    ("invoices-vat", "Invoices and VAT invoices", [
        "Every order has a downloadable invoice. Open Orders in your account, select the order, and choose Invoice to get a PDF with the items, shipping, tax and payment method.",
        "Business customers in the United Kingdom and the European Union can receive a VAT invoice by entering their VAT number in the Business details section at checkout. Invoices cannot be reissued with a VAT number after the order has shipped.",
        "To download invoices for many orders at once, use Export on the Orders page and choose a date range; you receive a ZIP file of PDF invoices.",
    ]),
    ("tidewell-plus", "Tidewell Plus membership", [
        "Tidewell Plus costs $59 a year or $6.99 a month, and first-time members get a 30-day free trial. Benefits include free standard and express shipping with no minimum, a 60-day return window, and a 2-year warranty on products bought while you are a member.",
        "You can invite one household member to share free shipping under Account > Membership > Household. The extended return window and warranty apply only to orders placed from the member's own account.",
        "Plus renews automatically. Cancel any time under Account > Membership; your benefits last until the end of the period you paid for. If you cancel within 30 days of a renewal and have not used any benefits since it renewed, we refund the renewal fee in full.",
    ]),
    ("account-security", "Keeping your Tidewell account secure", [
        "Use a unique password for your Tidewell account. After 5 failed sign-in attempts, the account is locked for 30 minutes; resetting your password unlocks it immediately. Password reset links are valid for 30 minutes.",
        "Turn on two-factor authentication under Account > Security. You can receive codes by text message or use an authenticator app, and you get 10 one-time backup codes to use if your phone is not available.",
        "If you notice activity you do not recognise, reset your password and choose Sign out everywhere under Account > Security, which also ends sessions in the Tidewell apps. Tidewell will never ask for your password or a full card number in chat or by email.",
    ]),
    ("privacy-data", "Your data: export and deletion", [
        "You can download a copy of the personal data Tidewell holds about you under Account > Privacy > Download my data. We email a link to the export within 72 hours; the link is valid for 7 days.",
        "To delete your account, choose Delete account under Account > Privacy. Deletion is completed within 30 days. Order and payment records are kept for 7 years because tax law requires it, but they are no longer linked to a profile.",
        "Deleting your account also removes all devices, schedules and automations from the Tidewell Home and Fit apps. Reset each device before you sell it or give it away so the next owner can set it up.",
    ]),
    ("communication-preferences", "Managing emails and notifications", [
        "Marketing emails can be turned off with the unsubscribe link at the bottom of any message or under Account > Notifications by switching off Promotions. Changes can take up to 48 hours to reach emails that were already scheduled.",
        "Order confirmations, shipping updates and security alerts are always sent, because they relate to your purchases and your account.",
        "Push notifications in the Tidewell Home and Fit apps are managed in each app's settings. You can keep price-drop alerts while turning off other promotions.",
    ]),
    ("recycling", "Electronics recycling program", [
        "Tidewell recycles old electronics for free, whether or not you bought them from us. Request a prepaid recycling label under Account > Recycling; each account can send up to 15 kg of electronics per year.",
        "Accepted items include phones, tablets, speakers, headphones, small kitchen appliances, chargers and cables. Please remove batteries that can be taken out and tape the terminals of loose lithium batteries.",
        "Before sending a connected device, factory reset it and remove it from your account. Devices are processed by a certified recycler that wipes any remaining data and recovers the metals and plastics.",
    ]),
    ("accessibility", "Accessibility at Tidewell", [
        "We want everyone to be able to shop with Tidewell and use our devices. The website and the Tidewell Home and Fit apps are designed to meet the WCAG 2.2 AA guidelines and are tested with screen readers on iOS, Android, Windows and macOS.",
        "Product pages include text descriptions of images, and manuals are available as accessible PDFs and plain HTML. Many devices can be controlled entirely by voice through Alexa and Google Home.",
        "If something is hard to use, please tell us through the Help Center feedback form. We respond to accessibility reports within 5 business days and prioritise fixes that block a task.",
    ]),
    ("product-safety", "Product safety notices and recalls", [
        "When a safety issue affects a Tidewell product, we publish a notice on this page, email every customer who bought the affected item, and show an alert in the Tidewell Home app for connected devices.",
        "Each notice explains which units are affected, how to check the serial number, and what to do next, which is usually to stop using the product and request a free replacement or refund.",
        "Space heaters, kettles and fridges should always be used as described in their manuals: plug heaters directly into a wall outlet, never cover them, and keep kettles and their bases away from water.",
    ]),
]
