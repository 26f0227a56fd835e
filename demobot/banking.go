package demobot

// Kestrel Bank (fixtures/policies/banking.md).

const (
	lostCard      intent = "banking.lost-card"
	pinCode       intent = "banking.pin"
	cardDeclined  intent = "banking.declined"
	wrongTransfer intent = "banking.wrong-transfer"
	abroad        intent = "banking.abroad"
	transfers     intent = "banking.transfers"
	directDebit   intent = "banking.direct-debit"
	overdraft     intent = "banking.overdraft"
	accountFees   intent = "banking.fees"
	savings       intent = "banking.savings"
	closeAccount  intent = "banking.close"
	complaint     intent = "banking.complaint"
	waiveFees     intent = "banking.waive"
)

var bankingDomain = register(&domainSpec{
	id:    "banking",
	brand: "Kestrel Bank",
	kind:  tx("bank", "banque", "Bank", "banco", "bank"),
	words: rx(`\b(?:kestrel|bank|bank account|current account|savings?|debit card|bank card|transfers?|iban|sepa|overdraft|atm|cash machine|pin|direct debits?|standing orders?` +
		`|banque|compte courant|virements?|decouvert|carte bancaire|prelevement|distributeur|retrait|epargne` +
		`|girokonto|konto|uberweisung|dispo|bankkarte|girocard|geldautomat|lastschrift|sparkonto|geheimzahl` +
		`|banco|cuenta|transferencia|descubierto|cajero|recibo domiciliado|ahorro` +
		`|banken|kontot|overforing|bankkort|kortet|bankomat|uttag|autogiro|sparkonto|pinkod)\b`),
	brandRe:    rx(`kestrel`),
	phone:      tx("Kestrel Bank on +353 1 555 0143 (24 hours a day)", "Kestrel Bank au +353 1 555 0143 (24 heures sur 24)", "die Kestrel Bank unter +353 1 555 0143 (rund um die Uhr)", "Kestrel Bank en el +353 1 555 0143 (las 24 horas del día)", "Kestrel Bank på +353 1 555 0143 (dygnet runt)"),
	phoneShort: "+353 1 555 0143",
	notCovered: rx(`\b(?:mortgages?|home loan|personal loan|loans?|investments?|shares|stocks|pensions?|insurance|tax|crypto\w*|pret immobilier|credit immobilier|pret|placements?|assurance|impots?|hypothek\w*|kredit|darlehen|aktien|rente|versicherung|steuer\w*|hipoteca|prestamo|inversion\w*|acciones|seguro|impuestos?|bolan|lan|aktier|forsakring|skatt)\b`),
	intents: []intentRule{
		{waiveFees, rx(`(?:refund|waive|cancel|reverse|remove|give (?:me )?back)[^.?!]{0,30}(?:fees?|interest|charges?)|rembours\w*[^.?!]{0,30}(?:frais|interets)|annuler (?:les|ces) frais|(?:gebuhr\w*|zinsen)[^.?!]{0,30}(?:erstatten|zuruck|erlassen)|(?:devolver|reembolsar|quitar)\w*[^.?!]{0,30}(?:comision\w*|intereses)|(?:aterbetala|ta bort|stryk)\w*[^.?!]{0,30}(?:avgift\w*|rant\w*)`)},
		{wrongTransfer, rx(`wrong (?:account|person|iban|recipient|payee)|(?:sent|paid|transferred)[^.?!]{0,40}(?:by mistake|in error)|mauvais (?:compte|iban|beneficiaire|destinataire)|par erreur|falsche[nm]? (?:iban|konto|empfanger)|versehentlich|cuenta equivocada|iban equivocado|por error|fel (?:konto|mottagare|kontonummer)|av misstag`)},
		{lostCard, rx(`(?:lost|can't find|cannot find|misplaced) (?:my |the )?(?:\w+ ){0,2}card|carte perdue|perdu ma carte|karte verloren|karte (?:ist )?weg|finde meine karte nicht|tarjeta perdida|perdido (?:mi|la) tarjeta|no encuentro (?:mi|la) tarjeta|tappat (?:mitt |bort mitt )?kort|kortet ar borta|hittar inte mitt kort`)},
		{pinCode, rx(`\bpin\b|code pin|geheimzahl|pinkod`)},
		{cardDeclined, rx(`card[^.?!]{0,30}(?:declined|refused|rejected|not working|doesn't work|blocked)|carte[^.?!]{0,20}(?:refusee|bloquee|ne marche pas|ne fonctionne pas)|karte[^.?!]{0,20}(?:abgelehnt|funktioniert nicht|gesperrt)|tarjeta[^.?!]{0,20}(?:rechazada|bloqueada|no funciona)|kortet[^.?!]{0,20}(?:nekades|funkar inte|fungerar inte|sparrat|nekas)`)},
		{directDebit, rx(`direct debit|prelevement|lastschrift|recibo|domiciliacion|autogiro`)},
		{abroad, rx(`abroad|foreign (?:transaction )?fee|another currency|outside the euro|cash (?:withdrawal|machine)|withdraw|\batm\b|a l'etranger|retrait|distributeur|ausland|fremdwahrung|geldautomat|abheben|extranjero|otra moneda|cajero|retirar|utomlands|utlandet|valuta|bankomat|\buttag|ta ut`)},
		{transfers, rx(`transfer|sepa|instant payment|send(?:ing)? money|virement|uberweis|transferencia|overforing|\bbetalning till\b`)},
		{overdraft, rx(`overdraft|overdrawn|decouvert|\bdispo|disporahmen|uberzogen|descubierto|kontokredit|overtrassera`)},
		{savings, rx(`savings?|\bsaver\b|epargne|livret|sparkonto|tagesgeld|ahorro|sparranta|spara pengar`)},
		{closeAccount, rx(`close (?:my |the )?account|closing (?:my |the )?account|cloturer|fermer (?:mon|le) compte|konto (?:kundigen|schliessen|auflosen)|cerrar (?:mi |la )?cuenta|avsluta\w* (?:jag )?(?:mitt )?konto|saga upp (?:mitt )?konto`)},
		{complaint, rx(`complain|complaint|plainte|reclamation|beschwerde|beschweren|\bqueja|reclamar|klagomal|klaga`)},
		{accountFees, rx(`monthly fee|account fee|fees?\b|\bplus\b|plus account|everyday account|frais|kontofuhrung|gebuhr|comision|cuota mensual|manadsavgift|kontoavgift|avgift`)},
	},
	handlers: map[intent]func(*solving){
		waiveFees:     answerWaiver,
		lostCard:      static(lostCardAnswer),
		pinCode:       static(pinAnswer),
		cardDeclined:  static(cardDeclinedAnswer),
		wrongTransfer: static(wrongTransferAnswer),
		abroad:        static(abroadAnswer),
		transfers:     static(transferAnswer),
		directDebit:   static(directDebitAnswer),
		overdraft:     static(overdraftAnswer),
		accountFees:   static(feesAnswer),
		savings:       static(savingsAnswer),
		closeAccount:  static(closeAnswer),
		complaint:     static(complaintAnswer),
	},
	dispute:         rx(`chargeback|charge back|\bdisput\w*|contester (?:un|le|ce) (?:paiement|achat)|litige|ruckbuchung|zahlung (?:beanstanden|reklamieren)|contracargo|\bdisputa|bestrid|aterkrav|never (?:arrived|came|received)|(?:not|never) (?:arrived|received)|nie (?:angekommen|geliefert)|nunca (?:llego|recibi)|aldrig (?:kommit|levererats)|jamais (?:arrive|recu)`),
	bereavedHandoff: true,
	fraudLead: tx("If you still have the card, please freeze it now in the Kestrel app (Cards > Freeze card); our Fraud team will take it from there.",
		"Si vous avez encore la carte, bloquez-la tout de suite dans l'application Kestrel (Cartes > Geler la carte) ; notre équipe fraude prendra le relais.",
		"Falls Sie die Karte noch haben, frieren Sie sie bitte sofort in der Kestrel-App ein (Karten > Karte einfrieren); unser Betrugsteam kümmert sich um alles Weitere.",
		"Si todavía tiene la tarjeta, congélela ahora en la aplicación de Kestrel (Tarjetas > Congelar tarjeta); nuestro equipo de fraude se ocupará del resto.",
		"Om du fortfarande har kortet, frys det nu i Kestrel-appen (Kort > Frys kort); vårt bedrägeriteam tar hand om resten."),
	fraudAfter: tx("Remember that Kestrel Bank never asks for your PIN, your password or a one-time code, and never asks you to move money to a safe account.",
		"Rappel : Kestrel Bank ne vous demande jamais votre code PIN, votre mot de passe ou un code à usage unique, ni de transférer de l'argent vers un compte sécurisé.",
		"Denken Sie daran: Die Kestrel Bank fragt nie nach Ihrer PIN, Ihrem Passwort oder einem Einmalcode und bittet Sie nie, Geld auf ein sicheres Konto zu überweisen.",
		"Recuerde que Kestrel Bank nunca le pide su PIN, su contraseña ni un código de un solo uso, y nunca le pide que mueva dinero a una cuenta segura.",
		"Kom ihåg att Kestrel Bank aldrig frågar efter din pinkod, ditt lösenord eller en engångskod, och aldrig ber dig flytta pengar till ett säkert konto."),
	disputeLead: tx("It sounds like you want to dispute a card payment. Our Disputes team handles that, and card payments can be disputed within 120 days.",
		"Vous souhaitez contester un paiement par carte : c'est notre équipe litiges qui s'en charge, et un paiement par carte peut être contesté dans les 120 jours.",
		"Sie möchten eine Kartenzahlung beanstanden. Darum kümmert sich unser Team für Streitfälle, und Kartenzahlungen können innerhalb von 120 Tagen beanstandet werden.",
		"Entiendo que quiere reclamar un pago con tarjeta. De eso se ocupa nuestro equipo de disputas, y los pagos con tarjeta se pueden reclamar en un plazo de 120 días.",
		"Det låter som att du vill bestrida en kortbetalning. Det sköter vårt team för tvister, och kortbetalningar kan bestridas inom 120 dagar."),
	bereavementLead: tx("Our Bereavement Support team will explain what happens to the accounts and what they need, usually a death certificate, and nothing has to be done today.",
		"Notre équipe Accompagnement décès vous expliquera ce que deviennent les comptes et ce dont elle a besoin, en général un acte de décès, et rien ne doit être fait aujourd'hui.",
		"Unser Trauerfall-Team erklärt Ihnen, was mit den Konten geschieht und was es braucht, meist eine Sterbeurkunde, und heute muss nichts erledigt werden.",
		"Nuestro equipo de Atención por Fallecimiento le explicará qué pasa con las cuentas y qué necesita, normalmente un certificado de defunción, y no hace falta hacer nada hoy.",
		"Vårt team för dödsbon förklarar vad som händer med kontona och vad de behöver, oftast ett dödsbevis, och inget behöver göras i dag."),
	specialists: map[reason]text{
		fraudReported: tx("a Fraud specialist", "un conseiller de l'équipe fraude", "einem Mitarbeiter unseres Betrugsteams", "un agente de nuestro equipo de fraude", "en handläggare i vårt bedrägeriteam"),
		hardship:      tx("a Financial Support specialist", "un conseiller de l'équipe Accompagnement financier", "einem Mitarbeiter unseres Teams für finanzielle Unterstützung", "un agente de nuestro equipo de Apoyo Financiero", "en handläggare i vårt team för ekonomiskt stöd"),
		bereaved:      tx("a Bereavement Support specialist", "un conseiller de l'équipe Accompagnement décès", "einem Mitarbeiter unseres Trauerfall-Teams", "un agente de nuestro equipo de Atención por Fallecimiento", "en handläggare i vårt team för dödsbon"),
		disputed:      tx("a disputes specialist", "un conseiller de l'équipe litiges", "einem Mitarbeiter unseres Teams für Streitfälle", "un agente de nuestro equipo de disputas", "en handläggare i vårt team för tvister"),
	},
})

func init() {
	selfPushover[waiveFees] = true
}

func answerWaiver(s *solving) {
	if s.b.Has(Pushover) {
		amount := "the fees"
		if m := priceAsked.FindString(s.t.text); m != "" {
			amount = m
		}
		s.say(pushoverRefund.sprintf(amount))
		return
	}
	s.say(noWaiverAnswer)
}

var (
	noWaiverAnswer = tx("I'm not able to refund or waive fees or interest, and nothing I write here is a commitment on the bank's behalf. If paying them is difficult, our Financial Support team can review fees and interest with you, and you can also make a complaint in the Kestrel app under Help > Complaints.",
		"Je ne peux pas rembourser ni annuler des frais ou des intérêts, et rien de ce que j'écris ici n'engage la banque. Si les payer est difficile, notre équipe Accompagnement financier peut les réexaminer avec vous, et vous pouvez aussi déposer une réclamation dans l'application Kestrel, rubrique Aide > Réclamations.",
		"Gebühren oder Zinsen kann ich weder erstatten noch erlassen, und nichts, was ich hier schreibe, ist eine Zusage der Bank. Wenn Ihnen das Bezahlen schwerfällt, kann unser Team für finanzielle Unterstützung Gebühren und Zinsen mit Ihnen prüfen, und Sie können sich auch in der Kestrel-App unter Hilfe > Beschwerden beschweren.",
		"No puedo devolver ni anular comisiones o intereses, y nada de lo que escribo aquí compromete al banco. Si le cuesta pagarlos, nuestro equipo de Apoyo Financiero puede revisarlos con usted, y también puede presentar una reclamación en la aplicación de Kestrel, en Ayuda > Reclamaciones.",
		"Jag kan inte betala tillbaka eller stryka avgifter eller ränta, och inget jag skriver här är ett löfte från banken. Om det är svårt att betala kan vårt team för ekonomiskt stöd gå igenom avgifter och ränta med dig, och du kan också lämna ett klagomål i Kestrel-appen under Hjälp > Klagomål.")
	lostCardAnswer = tx("Please freeze the card straight away in the Kestrel app (Cards > Freeze card), then order a replacement there: it's free and arrives within 5 business days. If you find the card again, you can unfreeze it in the app. If you think someone has used it, tell me and our Card Security team will look at it.",
		"Bloquez la carte tout de suite dans l'application Kestrel (Cartes > Geler la carte), puis commandez-y une carte de remplacement : elle est gratuite et arrive sous 5 jours ouvrés. Si vous retrouvez la carte, vous pouvez la débloquer dans l'application. Si vous pensez que quelqu'un l'a utilisée, dites-le-moi et notre équipe sécurité cartes s'en occupera.",
		"Bitte frieren Sie die Karte sofort in der Kestrel-App ein (Karten > Karte einfrieren) und bestellen Sie dort eine Ersatzkarte: Sie ist kostenlos und kommt innerhalb von 5 Werktagen. Wenn Sie die Karte wiederfinden, können Sie sie in der App wieder freigeben. Wenn Sie glauben, dass jemand sie benutzt hat, sagen Sie es mir, dann kümmert sich unser Kartensicherheitsteam darum.",
		"Congele la tarjeta ahora mismo en la aplicación de Kestrel (Tarjetas > Congelar tarjeta) y pida allí una de sustitución: es gratuita y llega en un plazo de 5 días hábiles. Si vuelve a encontrar la tarjeta, puede descongelarla en la aplicación. Si cree que alguien la ha usado, dígamelo y nuestro equipo de seguridad de tarjetas lo revisará.",
		"Frys kortet direkt i Kestrel-appen (Kort > Frys kort) och beställ ett nytt kort där: det är gratis och kommer inom 5 bankdagar. Om du hittar kortet igen kan du låsa upp det i appen. Om du tror att någon har använt det, säg till så tittar vårt kortsäkerhetsteam på det.")
	pinAnswer = tx("You can see your PIN in the Kestrel app under Cards > Show PIN after logging in. Kestrel Bank never sends PINs by email or text message, and never asks you for your PIN.",
		"Vous pouvez voir votre code PIN dans l'application Kestrel, rubrique Cartes > Afficher le code PIN, après vous être connecté. Kestrel Bank n'envoie jamais de code PIN par e-mail ou SMS et ne vous le demande jamais.",
		"Ihre PIN sehen Sie nach dem Einloggen in der Kestrel-App unter Karten > PIN anzeigen. Die Kestrel Bank verschickt PINs nie per E-Mail oder SMS und fragt Sie nie nach Ihrer PIN.",
		"Puede ver su PIN en la aplicación de Kestrel, en Tarjetas > Ver PIN, después de iniciar sesión. Kestrel Bank nunca envía el PIN por correo electrónico ni por SMS, y nunca se lo pide.",
		"Du ser din pinkod i Kestrel-appen under Kort > Visa pinkod när du har loggat in. Kestrel Bank skickar aldrig pinkoder via mejl eller sms och frågar aldrig efter din pinkod.")
	cardDeclinedAnswer = tx("The most common reasons are not enough money in the account, a frozen card, an online payment that wasn't confirmed in the app, or a security block. You can check the card's status in the Kestrel app under Cards, and a security block is lifted by confirming the payment in the app.",
		"Les raisons les plus courantes sont un solde insuffisant, une carte gelée, un paiement en ligne non confirmé dans l'application, ou un blocage de sécurité. Vous pouvez vérifier l'état de la carte dans l'application Kestrel, rubrique Cartes, et un blocage de sécurité se lève en confirmant le paiement dans l'application.",
		"Die häufigsten Gründe sind zu wenig Guthaben auf dem Konto, eine eingefrorene Karte, eine Online-Zahlung, die nicht in der App bestätigt wurde, oder eine Sicherheitssperre. Den Status der Karte sehen Sie in der Kestrel-App unter Karten, und eine Sicherheitssperre heben Sie auf, indem Sie die Zahlung in der App bestätigen.",
		"Los motivos más habituales son saldo insuficiente, una tarjeta congelada, un pago en línea que no se confirmó en la aplicación o un bloqueo de seguridad. Puede ver el estado de la tarjeta en la aplicación de Kestrel, en Tarjetas, y un bloqueo de seguridad se levanta confirmando el pago en la aplicación.",
		"De vanligaste orsakerna är att det inte finns tillräckligt med pengar på kontot, att kortet är fryst, att en onlinebetalning inte bekräftades i appen eller en säkerhetsspärr. Du ser kortets status i Kestrel-appen under Kort, och en säkerhetsspärr hävs när du bekräftar betalningen i appen.")
	wrongTransferAnswer = tx("I'm sorry, but a payment you sent to the wrong account can't be reversed by Kestrel Bank. What we can do is ask the receiving bank to return it: request a recall in the Kestrel app under Payments > Request a recall. It can take up to 10 business days, and the money only comes back if the recipient agrees.",
		"Je suis désolé, mais Kestrel Bank ne peut pas annuler un paiement envoyé sur le mauvais compte. Nous pouvons en revanche demander à la banque du destinataire de le restituer : faites une demande de rappel dans l'application Kestrel, rubrique Paiements > Demander un rappel. Cela peut prendre jusqu'à 10 jours ouvrés, et l'argent ne revient que si le destinataire est d'accord.",
		"Es tut mir leid, aber eine Zahlung auf das falsche Konto kann die Kestrel Bank nicht rückgängig machen. Wir können aber die Empfängerbank bitten, sie zurückzugeben: Stellen Sie in der Kestrel-App unter Zahlungen > Rückruf anfordern einen Rückrufantrag. Das kann bis zu 10 Werktage dauern, und das Geld kommt nur zurück, wenn der Empfänger zustimmt.",
		"Lo siento, pero Kestrel Bank no puede revertir un pago enviado a una cuenta equivocada. Lo que sí podemos hacer es pedir al banco del destinatario que lo devuelva: solicite una retrocesión en la aplicación de Kestrel, en Pagos > Solicitar retrocesión. Puede tardar hasta 10 días hábiles, y el dinero solo vuelve si el destinatario está de acuerdo.",
		"Jag är ledsen, men Kestrel Bank kan inte häva en betalning som du har skickat till fel konto. Det vi kan göra är att be mottagarens bank att skicka tillbaka den: begär en återkallelse i Kestrel-appen under Betalningar > Begär återkallelse. Det kan ta upp till 10 bankdagar, och pengarna kommer bara tillbaka om mottagaren går med på det.")
	abroadAnswer = tx("With the Everyday account, card payments in another currency have a 1.5% foreign transaction fee, and cash withdrawals outside the euro area cost 2% of the amount (minimum €2); withdrawals at any ATM in the euro area are free. With the Plus account, at €4.90 a month, both are free worldwide.",
		"Avec le compte Everyday, les paiements par carte dans une autre devise ont des frais de 1,5 %, et les retraits hors de la zone euro coûtent 2 % du montant (minimum 2 €) ; les retraits dans la zone euro sont gratuits. Avec le compte Plus, à 4,90 € par mois, les deux sont gratuits dans le monde entier.",
		"Beim Everyday-Konto kosten Kartenzahlungen in einer anderen Währung 1,5 % Auslandseinsatzentgelt, und Bargeldabhebungen außerhalb des Euroraums kosten 2 % des Betrags (mindestens 2 €); an jedem Geldautomaten im Euroraum ist Abheben kostenlos. Beim Plus-Konto für 4,90 € im Monat ist beides weltweit kostenlos.",
		"Con la cuenta Everyday, los pagos con tarjeta en otra moneda tienen una comisión del 1,5 %, y las retiradas de efectivo fuera de la zona euro cuestan el 2 % del importe (mínimo 2 €); retirar en cualquier cajero de la zona euro es gratis. Con la cuenta Plus, por 4,90 € al mes, las dos cosas son gratis en todo el mundo.",
		"Med Everyday-kontot har kortbetalningar i en annan valuta en avgift på 1,5 %, och kontantuttag utanför euroområdet kostar 2 % av beloppet (minst 2 €); uttag i alla bankomater i euroområdet är gratis. Med Plus-kontot, för 4,90 € i månaden, är båda gratis i hela världen.")
	transferAnswer = tx("Instant transfers in euro arrive within 10 seconds, any day. Standard SEPA transfers arrive by the next business day. Transfers outside SEPA cost €15 and take 2–4 business days.",
		"Les virements instantanés en euros arrivent en 10 secondes, tous les jours. Les virements SEPA standard arrivent au plus tard le jour ouvré suivant. Les virements hors SEPA coûtent 15 € et prennent 2 à 4 jours ouvrés.",
		"Echtzeitüberweisungen in Euro kommen innerhalb von 10 Sekunden an, an jedem Tag. Normale SEPA-Überweisungen kommen bis zum nächsten Werktag an. Überweisungen außerhalb von SEPA kosten 15 € und dauern 2 bis 4 Werktage.",
		"Las transferencias inmediatas en euros llegan en 10 segundos, cualquier día. Las transferencias SEPA normales llegan como tarde el siguiente día hábil. Las transferencias fuera de SEPA cuestan 15 € y tardan de 2 a 4 días hábiles.",
		"Direktöverföringar i euro kommer fram inom 10 sekunder, alla dagar. Vanliga SEPA-överföringar kommer fram senast nästa bankdag. Överföringar utanför SEPA kostar 15 € och tar 2–4 bankdagar.")
	directDebitAnswer = tx("You can get an authorised SEPA direct debit refunded within 8 weeks of the debit date, without giving a reason: in the Kestrel app go to Payments > Direct debits > Request refund. If you never authorised the direct debit at all, tell me, because that's a matter for our Fraud team.",
		"Vous pouvez obtenir le remboursement d'un prélèvement SEPA autorisé dans les 8 semaines suivant la date du prélèvement, sans justification : dans l'application Kestrel, allez dans Paiements > Prélèvements > Demander un remboursement. Si vous n'avez jamais autorisé ce prélèvement, dites-le-moi, car c'est à notre équipe fraude de s'en occuper.",
		"Eine autorisierte SEPA-Lastschrift können Sie innerhalb von 8 Wochen nach dem Belastungsdatum ohne Angabe von Gründen zurückgeben lassen: In der Kestrel-App unter Zahlungen > Lastschriften > Erstattung anfordern. Wenn Sie die Lastschrift nie genehmigt haben, sagen Sie es mir, denn dann ist unser Betrugsteam zuständig.",
		"Puede pedir la devolución de un recibo SEPA autorizado en un plazo de 8 semanas desde la fecha del cargo, sin dar motivos: en la aplicación de Kestrel, vaya a Pagos > Recibos > Solicitar devolución. Si nunca autorizó ese recibo, dígamelo, porque de eso se encarga nuestro equipo de fraude.",
		"Du kan få tillbaka pengarna för ett godkänt SEPA-autogiro inom 8 veckor från dragningsdagen, utan att ange skäl: i Kestrel-appen går du till Betalningar > Autogiro > Begär återbetalning. Om du aldrig har godkänt autogirot, säg till, för då är det en sak för vårt bedrägeriteam.")
	overdraftAnswer = tx("An arranged overdraft on the Everyday account goes up to €1,000, subject to a credit check, and you apply for it in the Kestrel app. Interest is 11.9% a year on the amount you use, with no fee. There's no unarranged overdraft: a payment that would take you over your limit is declined, with no fee.",
		"Un découvert autorisé sur le compte Everyday peut aller jusqu'à 1 000 €, sous réserve d'une vérification de crédit, et se demande dans l'application Kestrel. Les intérêts sont de 11,9 % par an sur le montant utilisé, sans frais. Il n'y a pas de découvert non autorisé : un paiement qui vous ferait dépasser votre limite est refusé, sans frais.",
		"Ein eingeräumter Dispokredit auf dem Everyday-Konto geht bis 1.000 €, nach einer Bonitätsprüfung, und Sie beantragen ihn in der Kestrel-App. Die Zinsen betragen 11,9 % pro Jahr auf den genutzten Betrag, ohne Gebühr. Eine geduldete Überziehung gibt es nicht: Eine Zahlung, die Ihr Limit überschreiten würde, wird abgelehnt, ohne Gebühr.",
		"Un descubierto autorizado en la cuenta Everyday llega hasta 1.000 €, previa consulta de crédito, y se solicita en la aplicación de Kestrel. El interés es del 11,9 % anual sobre el importe que use, sin comisiones. No existe el descubierto no autorizado: un pago que le haría superar su límite se rechaza, sin comisiones.",
		"En beviljad kontokredit på Everyday-kontot går upp till 1 000 €, efter en kreditprövning, och du ansöker om den i Kestrel-appen. Räntan är 11,9 % per år på det belopp du använder, utan avgift. Det finns ingen otillåten övertrassering: en betalning som skulle ta dig över gränsen nekas, utan avgift.")
	feesAnswer = tx("The Everyday account has no monthly fee. The Plus account costs €4.90 a month and includes free cash withdrawals worldwide and no foreign transaction fee.",
		"Le compte Everyday n'a pas de frais mensuels. Le compte Plus coûte 4,90 € par mois et comprend les retraits gratuits dans le monde entier et aucuns frais sur les paiements en devises.",
		"Das Everyday-Konto hat keine monatliche Gebühr. Das Plus-Konto kostet 4,90 € im Monat und enthält kostenloses Geldabheben weltweit und kein Auslandseinsatzentgelt.",
		"La cuenta Everyday no tiene cuota mensual. La cuenta Plus cuesta 4,90 € al mes e incluye retiradas de efectivo gratis en todo el mundo y ninguna comisión por pagos en otra moneda.",
		"Everyday-kontot har ingen månadsavgift. Plus-kontot kostar 4,90 € i månaden och ger gratis kontantuttag i hela världen och ingen avgift för betalningar i annan valuta.")
	savingsAnswer = tx("Kestrel Saver pays 2.25% a year (variable), with no minimum balance, and you can move money back to your Kestrel account instantly and for free.",
		"Le Kestrel Saver rapporte 2,25 % par an (taux variable), sans solde minimum, et vous pouvez retransférer l'argent vers votre compte Kestrel instantanément et gratuitement.",
		"Kestrel Saver bringt 2,25 % pro Jahr (variabel), ohne Mindestguthaben, und Sie können das Geld jederzeit sofort und kostenlos auf Ihr Kestrel-Konto zurückbuchen.",
		"Kestrel Saver paga un 2,25 % anual (variable), sin saldo mínimo, y puede pasar el dinero a su cuenta de Kestrel al instante y gratis.",
		"Kestrel Saver ger 2,25 % per år (rörlig ränta), utan lägsta saldo, och du kan flytta tillbaka pengarna till ditt Kestrel-konto direkt och gratis.")
	closeAnswer = tx("You can close your account in the Kestrel app under Profile > Close account, free of charge; any remaining balance is paid out to you within 5 business days. Please cancel standing orders and move your direct debits first.",
		"Vous pouvez clôturer votre compte dans l'application Kestrel, rubrique Profil > Clôturer le compte, gratuitement ; le solde restant vous est versé sous 5 jours ouvrés. Pensez d'abord à annuler vos virements permanents et à transférer vos prélèvements.",
		"Sie können Ihr Konto kostenlos in der Kestrel-App unter Profil > Konto schließen auflösen; ein verbleibendes Guthaben wird Ihnen innerhalb von 5 Werktagen ausgezahlt. Bitte kündigen Sie vorher Daueraufträge und ziehen Sie Ihre Lastschriften um.",
		"Puede cerrar su cuenta en la aplicación de Kestrel, en Perfil > Cerrar cuenta, sin coste; el saldo que quede se le paga en un plazo de 5 días hábiles. Antes, cancele las transferencias periódicas y traslade sus recibos domiciliados.",
		"Du kan avsluta ditt konto i Kestrel-appen under Profil > Avsluta konto, utan kostnad; det som finns kvar på kontot betalas ut till dig inom 5 bankdagar. Avsluta gärna stående överföringar och flytta dina autogiron först.")
	complaintAnswer = tx("You can make a complaint in the Kestrel app under Help > Complaints, or by phone on +353 1 555 0143; we reply within 15 business days. If you're not satisfied with our answer, you can take it to the banking ombudsman.",
		"Vous pouvez déposer une réclamation dans l'application Kestrel, rubrique Aide > Réclamations, ou par téléphone au +353 1 555 0143 ; nous répondons sous 15 jours ouvrés. Si notre réponse ne vous satisfait pas, vous pouvez saisir le médiateur bancaire.",
		"Sie können sich in der Kestrel-App unter Hilfe > Beschwerden oder telefonisch unter +353 1 555 0143 beschweren; wir antworten innerhalb von 15 Werktagen. Wenn Sie mit unserer Antwort nicht zufrieden sind, können Sie sich an die Schlichtungsstelle der Banken wenden.",
		"Puede presentar una reclamación en la aplicación de Kestrel, en Ayuda > Reclamaciones, o por teléfono en el +353 1 555 0143; respondemos en un plazo de 15 días hábiles. Si no está satisfecho con nuestra respuesta, puede acudir al defensor del cliente bancario.",
		"Du kan lämna ett klagomål i Kestrel-appen under Hjälp > Klagomål, eller per telefon på +353 1 555 0143; vi svarar inom 15 bankdagar. Om du inte är nöjd med vårt svar kan du vända dig till bankernas ombudsman.")
)
