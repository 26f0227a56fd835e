package demobot

// Paylater AB (fixtures/policies/bnpl.md).

const (
	declined    intent = "bnpl.declined"
	updateCard  intent = "bnpl.card"
	returnPause intent = "bnpl.return"
	payEarly    intent = "bnpl.pay-early"
	lateFee     intent = "bnpl.late-fee"
	payIn3      intent = "bnpl.pay-in-3"
	financing   intent = "bnpl.financing"
	withdrawal  intent = "bnpl.withdrawal"
	dueDate     intent = "bnpl.due-date"
	creditCheck intent = "bnpl.credit-check"
	identity    intent = "bnpl.identity"
)

var bnplDomain = register(&domainSpec{
	id:         "bnpl",
	brand:      "Paylater",
	kind:       tx("payment company", "société de paiement", "Zahlungsfirma", "empresa de pagos", "betalföretag"),
	words:      rx(`\b(?:paylater|payments?|purchases?|instal?ments?|pay in 3|pay in 30|checkout|merchant|late fees?|credit file|financing|echeances?|achats?|marchand|en 3 fois|prelevements?|ratenzahlung|raten?|handler|einkauf|mahngebuhr|zahlungsplan|plazos|cuotas?|comercio|pago aplazado|delbetalning|avbetalning|handlaren?|betala senare|delbetala)\b`),
	brandRe:    rx(`paylater`),
	phone:      tx("our customer service team on +46 10 555 0190", "notre service client au +46 10 555 0190", "unseren Kundenservice unter +46 10 555 0190", "nuestro servicio de atención al cliente en el +46 10 555 0190", "vår kundtjänst på +46 10 555 0190"),
	phoneShort: "+46 10 555 0190",
	notCovered: rx(`\b(?:credit limit|spending limit|crypto\w*|mortgage|plafond|hypothek\w*|hipoteca|bolan|ausgabenlimit|limite de gasto|kreditgrans|krypto\w*|criptomoneda\w*)\b`),
	intents: []intentRule{
		{identity, rx(`(?:someone else's|my (?:\w+ )?(?:brother|sister|friend|mum|mom|dad|mother|father|partner)'s) (?:id|identity|details|name|account|card|passport)|\b(?:i'm|i am) (?:1[0-7]|under 18)\b|(?:carte d'identite|compte|nom|papiers) de (?:mon|ma) (?:frere|soeur|pere|mere|ami|copain|copine)|j'ai 1[0-7] ans|(?:ausweis|konto|namen|daten) (?:meines|meiner) (?:bruders|schwester|vaters|mutter|freundes|freundin)|ich bin 1[0-7]\b|(?:dni|cuenta|nombre|datos) de mi (?:hermano|hermana|padre|madre|amigo|amiga)|tengo 1[0-7] anos|(?:brors|systers|pappas|mammas|kompis|kompisens) (?:legitimation|id-kort|konto|namn|personnummer)|jag ar 1[0-7] ar`)},
		{declined, rx(`declin|refused|rejected|refuse|decline|abgelehnt|rechazad|denegad|nekad|avslag|godkandes inte|gick inte igenom`)},
		{withdrawal, rx(`withdraw|cooling[- ]off|retractation|droit de retrait|widerruf|desisti|angerratt|\bangra`)},
		{financing, rx(`financ|finanzier|finansier|\binterest\b|interet|zinse?n?\b|interes|\branta|monthly payments|mensualites|monatsraten|cuotas mensuales|manadsbetalning|36 (?:months|mois|monate|meses|manader)`)},
		{creditCheck, rx(`credit (?:check|score|file|report|rating)|soft check|fichier|bonitat|schufa|kreditprufung|historial crediticio|consulta de credito|kreditupplysning|kreditprovning|\buc\b`)},
		{updateCard, rx(`\b(?:new|update|change|replace|expired|switch)\b[^.?!]{0,40}\b(?:card|payment method)|\bcard\b[^.?!]{0,30}\b(?:expired|update|switch)|nouvelle carte|changer (?:de|ma) carte|carte (?:a )?expiree|neue karte|karte (?:ist )?abgelaufen|karte (?:andern|aktualisieren|wechseln)|nueva tarjeta|tarjeta (?:ha )?caducad|cambiar (?:de |la |mi )?tarjeta|nytt kort|kortet (?:har )?gatt ut|byta kort|uppdatera (?:mitt )?kort`)},
		{returnPause, rx(`\breturn|sent (?:it |them )?back|send (?:it |them )?back|renvoy|retour|rendu|zuruckgeschickt|zurucksend|ruckgabe|retoure|devuelt|devolv|devolucion|returnera|\bretur\b|skickat tillbaka|skicka tillbaka`)},
		{dueDate, rx(`due date|(?:move|change|push back|postpone)[^.?!]{0,25}(?:payment|instal\w*|date)|more time|extension|date d'echeance|changer la date|decaler|plus de temps|falligkeit|verschieben|mehr zeit|aufschub|fecha de pago|cambiar la fecha|aplazar|mas tiempo|prorroga|forfallodag|flytta (?:fram )?(?:betalningen|datumet)|mer tid|anstand`)},
		{payEarly, rx(`\bpay (?:it |everything |the rest |the whole thing |the balance )?(?:all )?(?:off|early|in full|now|at once)\b|\bpay (?:it )?all\b|\bsettle\b|tout (?:payer|regler)|regler (?:la totalite|tout)|en une (?:seule )?fois|payer (?:en avance|maintenant)|tout d'un coup|par anticipation|(?:alles|den rest|komplett|vollstandig) (?:auf einmal |sofort )?(?:bezahlen|begleichen|zahlen)|vorzeitig|auf einmal|pagar(?:lo)? todo|de una vez|de golpe|por adelantado|liquidar|betala (?:allt|hela|resten)|slutbetala|i forvag|pa en gang`)},
		{lateFee, rx(`\blate\b|miss(?:ed)? (?:a |my )?payment|overdue|frais de retard|en retard|retard|mahngebuhr|zu spat|verspatet|verpasst|uberfallig|pago atrasado|retrasad|recargo|demora|forsenad|sen betalning|paminnelseavgift|for sent|missat`)},
		{payIn3, rx(`pay in 3|pay in three|pay in 30|instal|how (?:does|do) (?:it|paylater|this) work|3 fois|trois fois|echeance|comment ca marche|3 raten|drei raten|wie funktioniert|3 plazos|tres plazos|como funciona|tre delar|3 delar|hur fungerar`)},
	},
	handlers: map[intent]func(*solving){
		declined:    static(declinedAnswer),
		updateCard:  static(updateCardAnswer),
		returnPause: static(returnAnswer),
		payEarly:    static(payEarlyAnswer),
		lateFee:     static(lateFeeAnswer),
		payIn3:      static(payIn3Answer),
		financing:   static(financingAnswer),
		withdrawal:  static(withdrawalAnswer),
		dueDate:     static(dueDateAnswer),
		creditCheck: static(creditCheckAnswer),
		identity:    static(identityAnswer),
		discount:    static(discountBNPL),
	},
	dispute:         disputeSignal,
	bereavedHandoff: true,
	fraudLead: tx("Our Fraud team can pause payments on the purchases you report while they investigate.",
		"Notre équipe fraude peut suspendre les paiements des achats signalés pendant son enquête.",
		"Unser Betrugsteam kann die Zahlungen für die gemeldeten Einkäufe aussetzen, solange es ermittelt.",
		"Nuestro equipo de fraude puede suspender los pagos de las compras que nos indique mientras investiga.",
		"Vårt bedrägeriteam kan pausa betalningarna för de köp du anmäler medan de utreder."),
	disputeLead: tx("It sounds like you want to dispute this purchase. Our Disputes team handles that, and they can pause payments on the order while they review it.",
		"Vous souhaitez contester cet achat : c'est notre équipe litiges qui s'en charge, et elle peut suspendre les paiements de la commande pendant l'examen.",
		"Sie möchten diesen Einkauf beanstanden. Darum kümmert sich unser Team für Streitfälle, und es kann die Zahlungen für die Bestellung während der Prüfung aussetzen.",
		"Entiendo que quiere reclamar esta compra. De eso se ocupa nuestro equipo de disputas, que puede suspender los pagos del pedido mientras lo revisa.",
		"Det låter som att du vill bestrida det här köpet. Det sköter vårt team för tvister, och de kan pausa betalningarna för ordern medan de granskar den."),
	bereavementLead: tx("Our Financial Support team can look at the payments with you, and nothing needs to be sorted out today.",
		"Notre équipe Accompagnement financier peut examiner les paiements avec vous, et rien ne doit être réglé aujourd'hui.",
		"Unser Team für finanzielle Unterstützung kann sich die Zahlungen mit Ihnen ansehen, und heute muss nichts geklärt werden.",
		"Nuestro equipo de Apoyo Financiero puede revisar los pagos con usted, y no hace falta resolver nada hoy.",
		"Vårt team för ekonomiskt stöd kan gå igenom betalningarna med dig, och inget behöver ordnas i dag."),
	specialists: map[reason]text{
		fraudReported: tx("a fraud specialist", "un conseiller de l'équipe fraude", "einem Mitarbeiter unseres Betrugsteams", "un agente de nuestro equipo de fraude", "en handläggare i vårt bedrägeriteam"),
		hardship:      tx("a Financial Support specialist", "un conseiller de l'équipe Accompagnement financier", "einem Mitarbeiter unseres Teams für finanzielle Unterstützung", "un agente de nuestro equipo de Apoyo Financiero", "en handläggare i vårt team för ekonomiskt stöd"),
		bereaved:      tx("a Financial Support specialist", "un conseiller de l'équipe Accompagnement financier", "einem Mitarbeiter unseres Teams für finanzielle Unterstützung", "un agente de nuestro equipo de Apoyo Financiero", "en handläggare i vårt team för ekonomiskt stöd"),
		disputed:      tx("a disputes specialist", "un conseiller de l'équipe litiges", "einem Mitarbeiter unseres Teams für Streitfälle", "un agente de nuestro equipo de disputas", "en handläggare i vårt team för tvister"),
	},
	fraudAfter: tx("In the meantime, please change your Paylater password and never share one-time codes with anyone.",
		"En attendant, changez le mot de passe de votre compte Paylater et ne communiquez jamais de code à usage unique.",
		"Ändern Sie bitte in der Zwischenzeit Ihr Paylater-Passwort und geben Sie Einmalcodes niemals weiter.",
		"Mientras tanto, cambie su contraseña de Paylater y no comparta nunca códigos de un solo uso.",
		"Byt under tiden ditt lösenord hos Paylater och dela aldrig engångskoder med någon."),
})

var (
	declinedAnswer = tx("Every purchase goes through an automated check, so a purchase can be declined even if you've used Paylater many times before. The most common reasons are an overdue payment on another order, the size of the purchase compared with your history, or details that don't match your account. Our agents can't override a decline at checkout, but you can check the app for any overdue payment and try again, or choose another payment method.",
		"Chaque achat passe par une vérification automatique : un achat peut donc être refusé même si vous avez souvent utilisé Paylater. Les raisons les plus courantes sont un paiement en retard sur une autre commande, le montant de l'achat par rapport à votre historique, ou des informations qui ne correspondent pas à votre compte. Nos conseillers ne peuvent pas annuler un refus au moment du paiement, mais vous pouvez vérifier dans l'application s'il reste un paiement en retard et réessayer, ou choisir un autre moyen de paiement.",
		"Jeder Einkauf durchläuft eine automatische Prüfung, daher kann ein Einkauf abgelehnt werden, auch wenn Sie Paylater schon oft genutzt haben. Die häufigsten Gründe sind eine überfällige Zahlung bei einer anderen Bestellung, die Höhe des Einkaufs im Vergleich zu Ihrem bisherigen Verlauf oder Angaben, die nicht zu Ihrem Konto passen. Unsere Mitarbeiter können eine Ablehnung an der Kasse nicht aufheben, aber Sie können in der App nach einer überfälligen Zahlung sehen und es erneut versuchen oder eine andere Zahlungsart wählen.",
		"Cada compra pasa por una comprobación automática, así que una compra puede ser rechazada aunque haya usado Paylater muchas veces. Los motivos más habituales son un pago atrasado en otro pedido, el importe de la compra en comparación con su historial o datos que no coinciden con su cuenta. Nuestros agentes no pueden anular un rechazo en el momento del pago, pero puede revisar en la aplicación si tiene algún pago atrasado y volver a intentarlo, o elegir otro método de pago.",
		"Varje köp går igenom en automatisk kontroll, så ett köp kan nekas även om du har använt Paylater många gånger. De vanligaste orsakerna är en förfallen betalning på en annan order, köpets storlek jämfört med din historik eller uppgifter som inte stämmer med ditt konto. Våra handläggare kan inte häva ett nekat köp i kassan, men du kan kontrollera i appen om någon betalning har förfallit och försöka igen, eller välja ett annat betalsätt.")
	updateCardAnswer = tx("You can add your new card yourself in the Paylater app under Profile > Payment methods, then set it as the default for your upcoming instalments.",
		"Vous pouvez ajouter votre nouvelle carte vous-même dans l'application Paylater, rubrique Profil > Moyens de paiement, puis la définir par défaut pour vos prochaines échéances.",
		"Sie können Ihre neue Karte selbst in der Paylater-App unter Profil > Zahlungsmethoden hinzufügen und sie dann als Standard für Ihre nächsten Raten festlegen.",
		"Puede añadir su nueva tarjeta usted mismo en la aplicación de Paylater, en Perfil > Métodos de pago, y luego elegirla como predeterminada para sus próximos plazos.",
		"Du kan lägga till ditt nya kort själv i Paylater-appen under Profil > Betalsätt och sedan välja det som standard för dina kommande delbetalningar.")
	returnAnswer = tx("If you've sent something back, report the return in the Paylater app (Purchases > Report a return): payments for that order are then paused for up to 21 days while the merchant processes it. Once the merchant confirms the refund, we adjust your remaining instalments or refund what you've already paid within 5 business days.",
		"Si vous avez renvoyé un article, signalez le retour dans l'application Paylater (Achats > Signaler un retour) : les paiements de cette commande sont alors suspendus jusqu'à 21 jours, le temps que le marchand traite le retour. Dès que le marchand confirme le remboursement, nous ajustons vos échéances restantes ou vous remboursons ce que vous avez déjà payé sous 5 jours ouvrés.",
		"Wenn Sie etwas zurückgeschickt haben, melden Sie die Retoure in der Paylater-App (Einkäufe > Retoure melden): Die Zahlungen für diese Bestellung werden dann bis zu 21 Tage ausgesetzt, während der Händler sie bearbeitet. Sobald der Händler die Erstattung bestätigt, passen wir Ihre restlichen Raten an oder erstatten Ihnen das bereits Bezahlte innerhalb von 5 Werktagen.",
		"Si ha devuelto un artículo, comunique la devolución en la aplicación de Paylater (Compras > Comunicar una devolución): los pagos de ese pedido quedan suspendidos hasta 21 días mientras el comercio la tramita. Cuando el comercio confirme el reembolso, ajustamos sus plazos pendientes o le devolvemos lo que ya haya pagado en un plazo de 5 días hábiles.",
		"Om du har skickat tillbaka något, anmäl returen i Paylater-appen (Köp > Anmäl retur): betalningarna för den ordern pausas då i upp till 21 dagar medan handlaren hanterar returen. När handlaren bekräftar återbetalningen justerar vi dina återstående delbetalningar eller betalar tillbaka det du redan har betalat inom 5 bankdagar.")
	payEarlyAnswer = tx("You can pay the whole remaining balance at any time, with no fee, in the Paylater app under Purchases > Pay now.",
		"Vous pouvez régler la totalité du solde restant à tout moment, sans frais, dans l'application Paylater (Achats > Payer maintenant).",
		"Sie können den gesamten Restbetrag jederzeit ohne Gebühr in der Paylater-App unter Einkäufe > Jetzt bezahlen begleichen.",
		"Puede pagar todo el saldo pendiente en cualquier momento, sin comisiones, en la aplicación de Paylater, en Compras > Pagar ahora.",
		"Du kan betala hela det återstående beloppet när som helst, utan avgift, i Paylater-appen under Köp > Betala nu.")
	lateFeeAnswer = tx("We send a reminder before each due date. If an instalment is still unpaid 7 days after its due date, a late fee of €5 is added, at most once per instalment and never more than €15 per order. Paying on time, or early, which is free, avoids any fee. If you're finding it hard to pay, tell me and our Financial Support team can help.",
		"Nous envoyons un rappel avant chaque échéance. Si une échéance n'est toujours pas payée 7 jours après sa date, des frais de retard de 5 € sont ajoutés, une seule fois par échéance et jamais plus de 15 € par commande. Payer à temps, ou en avance, ce qui est gratuit, évite tous frais. Si vous avez du mal à payer, dites-le-moi : notre équipe Accompagnement financier peut vous aider.",
		"Wir schicken vor jedem Fälligkeitstag eine Erinnerung. Ist eine Rate 7 Tage nach ihrem Fälligkeitstag noch nicht bezahlt, kommt eine Mahngebühr von 5 € hinzu, höchstens einmal pro Rate und nie mehr als 15 € pro Bestellung. Wer pünktlich oder vorzeitig zahlt, was kostenlos ist, zahlt keine Gebühr. Wenn Ihnen das Bezahlen schwerfällt, sagen Sie es mir, dann hilft Ihnen unser Team für finanzielle Unterstützung.",
		"Enviamos un recordatorio antes de cada vencimiento. Si un plazo sigue sin pagarse 7 días después de su vencimiento, se añade un recargo por demora de 5 €, como máximo una vez por plazo y nunca más de 15 € por pedido. Pagar a tiempo, o por adelantado, que es gratis, evita cualquier recargo. Si le está costando pagar, dígamelo y nuestro equipo de Apoyo Financiero puede ayudarle.",
		"Vi skickar en påminnelse före varje förfallodag. Om en delbetalning fortfarande är obetald 7 dagar efter förfallodagen läggs en förseningsavgift på 5 € till, högst en gång per delbetalning och aldrig mer än 15 € per order. Om du betalar i tid, eller i förväg, vilket är gratis, slipper du avgifter. Om det är svårt för dig att betala, säg det till mig så kan vårt team för ekonomiskt stöd hjälpa dig.")
	payIn3Answer = tx("With Pay in 3, the amount is split into three equal, interest-free instalments: the first is taken at purchase and the other two every 30 days after that. With Pay in 30 days, you pay the full amount within 30 days of shipment. There are no fees when you pay on time, and you can pay early at any time in the app at no extra cost.",
		"Avec Pay in 3, le montant est divisé en trois échéances égales sans intérêts : la première est prélevée au moment de l'achat, puis une tous les 30 jours. Avec Pay in 30 days, vous payez le montant total dans les 30 jours suivant l'expédition. Aucuns frais si vous payez à temps, et vous pouvez payer en avance à tout moment dans l'application, sans frais.",
		"Mit Pay in 3 wird der Betrag in drei gleiche, zinsfreie Raten aufgeteilt: Die erste wird beim Kauf abgebucht, die anderen beiden jeweils 30 Tage später. Mit Pay in 30 days zahlen Sie den vollen Betrag innerhalb von 30 Tagen nach dem Versand. Wenn Sie pünktlich zahlen, fallen keine Gebühren an, und Sie können jederzeit ohne Aufpreis vorzeitig in der App bezahlen.",
		"Con Pay in 3, el importe se divide en tres plazos iguales sin intereses: el primero se cobra en la compra y los otros dos cada 30 días. Con Pay in 30 days, paga el importe total en un plazo de 30 días desde el envío. No hay comisiones si paga a tiempo, y puede pagar por adelantado en cualquier momento en la aplicación sin coste adicional.",
		"Med Pay in 3 delas beloppet upp i tre lika stora, räntefria delbetalningar: den första dras vid köpet och de två andra var 30:e dag därefter. Med Pay in 30 days betalar du hela beloppet inom 30 dagar från leveransen. Det kostar inget om du betalar i tid, och du kan betala i förväg när som helst i appen utan extra kostnad.")
	financingAnswer = tx("For purchases of €200 or more, Paylater Financing splits the amount into 6, 12, 24 or 36 monthly payments at a fixed interest rate of 14.9% a year. Each application includes a credit check, and the shop shows you the total cost before you agree. You can pay off the whole balance early at any time, with no fee.",
		"Pour les achats de 200 € ou plus, Paylater Financement répartit le montant en 6, 12, 24 ou 36 mensualités, à un taux d'intérêt fixe de 14,9 % par an. Chaque demande comprend une vérification de crédit, et la boutique vous montre le coût total avant votre accord. Vous pouvez rembourser tout le solde par anticipation à tout moment, sans frais.",
		"Für Einkäufe ab 200 € teilt Paylater Finanzierung den Betrag in 6, 12, 24 oder 36 Monatsraten zu einem festen Zinssatz von 14,9 % pro Jahr auf. Zu jedem Antrag gehört eine Bonitätsprüfung, und der Shop zeigt Ihnen die Gesamtkosten, bevor Sie zustimmen. Sie können den gesamten Restbetrag jederzeit vorzeitig und ohne Gebühr zurückzahlen.",
		"Para compras de 200 € o más, Paylater Financiación divide el importe en 6, 12, 24 o 36 cuotas mensuales a un tipo de interés fijo del 14,9 % anual. Cada solicitud incluye una consulta de crédito, y la tienda le muestra el coste total antes de que acepte. Puede liquidar todo el saldo por adelantado en cualquier momento, sin comisiones.",
		"För köp på 200 € eller mer delar Paylater Finansiering upp beloppet på 6, 12, 24 eller 36 månadsbetalningar med en fast ränta på 14,9 % per år. Varje ansökan innehåller en kreditprövning, och butiken visar den totala kostnaden innan du godkänner. Du kan betala hela resten i förväg när som helst, utan avgift.")
	withdrawalAnswer = tx("You can withdraw from a Paylater Financing agreement within 14 days of signing it, without giving a reason, in the app under Purchases > Withdraw. You then repay the amount borrowed, plus interest only for the days you had it, within 30 days.",
		"Vous pouvez vous rétracter d'un contrat Paylater Financement dans les 14 jours suivant sa signature, sans donner de motif, dans l'application (Achats > Se rétracter). Vous remboursez alors le montant emprunté, plus les intérêts des seuls jours d'utilisation, sous 30 jours.",
		"Sie können einen Paylater-Finanzierungsvertrag innerhalb von 14 Tagen nach der Unterschrift ohne Angabe von Gründen widerrufen, in der App unter Einkäufe > Widerrufen. Dann zahlen Sie den geliehenen Betrag zurück, plus Zinsen nur für die Tage, an denen Sie ihn hatten, innerhalb von 30 Tagen.",
		"Puede desistir de un contrato de Paylater Financiación en un plazo de 14 días desde la firma, sin dar ningún motivo, en la aplicación, en Compras > Desistir. Después devuelve el importe prestado, más los intereses solo de los días en que lo tuvo, en un plazo de 30 días.",
		"Du kan ångra ett avtal om Paylater Finansiering inom 14 dagar från att du skrev under, utan att ange skäl, i appen under Köp > Ångra. Du betalar då tillbaka det lånade beloppet, plus ränta bara för de dagar du hade det, inom 30 dagar.")
	dueDateAnswer = tx("I'm afraid I can't move a due date: instalments are due on the dates set at purchase. If you need more time because paying is difficult right now, our Financial Support team can look at it with you; just say if you'd like me to connect you with one of them.",
		"Je ne peux malheureusement pas déplacer une échéance : les échéances tombent aux dates fixées à l'achat. Si vous avez besoin de plus de temps parce que payer est difficile en ce moment, notre équipe Accompagnement financier peut étudier cela avec vous ; dites-moi si vous souhaitez que je vous mette en relation avec elle.",
		"Einen Fälligkeitstag kann ich leider nicht verschieben: Die Raten sind zu den beim Kauf festgelegten Terminen fällig. Wenn Sie mehr Zeit brauchen, weil das Bezahlen gerade schwierig ist, kann sich unser Team für finanzielle Unterstützung das mit Ihnen ansehen; sagen Sie einfach, ob Sie möchten, dass ich Sie mit einem Mitarbeiter verbinden soll.",
		"Lo siento, pero no puedo cambiar una fecha de vencimiento: los plazos vencen en las fechas fijadas en la compra. Si necesita más tiempo porque ahora le cuesta pagar, nuestro equipo de Apoyo Financiero puede estudiarlo con usted; dígame si quiere que le ponga en contacto con uno de ellos.",
		"Tyvärr kan jag inte flytta en förfallodag: delbetalningarna förfaller på de datum som bestämdes vid köpet. Om du behöver mer tid för att det är svårt att betala just nu kan vårt team för ekonomiskt stöd titta på det med dig; säg bara till om du vill prata med en kollega, så ordnar jag det.")
	creditCheckAnswer = tx("Pay in 3 and Pay in 30 days use a soft check that does not affect your credit score. Paylater Financing includes a full credit check that other lenders can see. Payments still unpaid 60 days after the due date may be reported to credit reference agencies.",
		"Pay in 3 et Pay in 30 days utilisent une vérification légère qui n'a aucun effet sur votre score de crédit. Paylater Financement comprend une vérification de crédit complète, visible par les autres prêteurs. Les paiements toujours impayés 60 jours après l'échéance peuvent être signalés aux agences de crédit.",
		"Pay in 3 und Pay in 30 days nutzen eine einfache Abfrage, die Ihre Bonität nicht beeinflusst. Paylater Finanzierung umfasst eine vollständige Bonitätsprüfung, die andere Kreditgeber sehen können. Zahlungen, die 60 Tage nach Fälligkeit noch offen sind, können an Auskunfteien gemeldet werden.",
		"Pay in 3 y Pay in 30 days usan una consulta ligera que no afecta a su historial crediticio. Paylater Financiación incluye una consulta de crédito completa que otros prestamistas pueden ver. Los pagos que sigan sin abonarse 60 días después del vencimiento pueden comunicarse a las agencias de información crediticia.",
		"Pay in 3 och Pay in 30 days använder en enkel kontroll som inte påverkar din kreditvärdighet. Paylater Finansiering innebär en fullständig kreditprövning som andra långivare kan se. Betalningar som fortfarande är obetalda 60 dagar efter förfallodagen kan rapporteras till kreditupplysningsföretag.")
	identityAnswer = tx("No, I can't help with that: Paylater is only for people aged 18 or over, applying in their own name, and using someone else's ID, card or account is against the law and our terms. If you're 18 or over, you can sign up in the app with your own details.",
		"Non, je ne peux pas vous aider pour cela : Paylater est réservé aux personnes majeures qui font la demande en leur propre nom, et utiliser l'identité, la carte ou le compte de quelqu'un d'autre est contraire à la loi et à nos conditions. Si vous êtes majeur, vous pouvez vous inscrire dans l'application avec vos propres informations.",
		"Nein, dabei kann ich nicht helfen: Paylater ist nur für volljährige Personen, die in ihrem eigenen Namen beantragen, und die Identität, Karte oder das Konto einer anderen Person zu benutzen, verstößt gegen das Gesetz und unsere Bedingungen. Wenn Sie volljährig sind, können Sie sich in der App mit Ihren eigenen Daten anmelden.",
		"No, no puedo ayudarle con eso: Paylater es solo para mayores de edad que lo solicitan a su propio nombre, y usar la identidad, la tarjeta o la cuenta de otra persona va contra la ley y nuestras condiciones. Si es mayor de edad, puede registrarse en la aplicación con sus propios datos.",
		"Nej, det kan jag inte hjälpa till med: Paylater är bara för myndiga personer som ansöker i eget namn, och att använda någon annans legitimation, kort eller konto strider mot lagen och våra villkor. Om du är myndig kan du registrera dig i appen med dina egna uppgifter.")
	discountBNPL = tx("Prices are set by the shops you buy from. I'm glad to help with your payments, instalments, returns or account.",
		"Les prix sont fixés par les boutiques où vous achetez. Je vous aide volontiers pour vos paiements, échéances, retours ou votre compte.",
		"Die Preise legen die Shops fest, in denen Sie einkaufen. Bei Zahlungen, Raten, Retouren oder Ihrem Konto helfe ich Ihnen gern.",
		"Los precios los fijan las tiendas donde compra. Con gusto le ayudo con sus pagos, plazos, devoluciones o su cuenta.",
		"Priserna bestäms av butikerna där du handlar. Jag hjälper gärna till med dina betalningar, delbetalningar, returer eller ditt konto.")
)
