package demobot

// Orbitel (fixtures/policies/telecom.md).

const (
	roaming        intent = "telecom.roaming"
	extraData      intent = "telecom.data"
	billCharges    intent = "telecom.bill"
	priceRise      intent = "telecom.price-rise"
	coolingOff     intent = "telecom.cooling-off"
	cancelContract intent = "telecom.cancel"
	portNumber     intent = "telecom.port"
	outage         intent = "telecom.outage"
	lostPhone      intent = "telecom.lost-phone"
	phoneUpgrade   intent = "telecom.upgrade"
)

var telecomDomain = register(&domainSpec{
	id:    "telecom",
	brand: "Orbitel",
	kind:  tx("phone company", "opérateur", "Telefonfirma", "compañía telefónica", "teleoperatör"),
	words: rx(`\b(?:orbitel|mobile|phone|sim|data|roaming|contract|broadband|internet|router|bill|plan|tariff|signal|network|outage|gb|minutes|texts` +
		`|forfait|portable|telephone|carte sim|donnees|itinerance|box|facture|reseau` +
		`|handy|mobilfunk|vertrag|tarif|datenvolumen|rechnung|netz|wlan-router|festnetz` +
		`|movil|tarifa|contrato|datos|fibra|factura|red|cobertura|portabilidad` +
		`|mobil|mobilen|abonnemang|surf|bredband|natet|tackning|nummerflytt|mobilabonnemang)\b`),
	brandRe:    rx(`orbitel`),
	phone:      tx("Orbitel on +34 900 555 014 (every day, 8:00 to 22:00)", "Orbitel au +34 900 555 014 (tous les jours, de 8:00 à 22:00)", "Orbitel unter +34 900 555 014 (täglich 8:00 bis 22:00 Uhr)", "Orbitel en el +34 900 555 014 (todos los días, de 8:00 a 22:00)", "Orbitel på +34 900 555 014 (alla dagar, 8:00 till 22:00)"),
	phoneShort: "+34 900 555 014",
	notCovered: rx(`\b(?:tv|television|business plans?|repairs?|screen|insurance|satellite|fernsehen|reparatur|display|versicherung|reparacion|pantalla|seguro|reparation|skarm|forsakring|tv-paket)\b|log(?:s|ged|ging)? (?:me )?out|one device|several devices|two devices|coverage (?:in|at|on)\b|cobertura en\b|netzabdeckung|tackning (?:i|pa)\b|couverture (?:a|dans)\b`),
	intents: []intentRule{
		{lostPhone, rx(`(?:lost|can't find|cannot find) (?:my )?(?:phone|mobile)|phone (?:is )?lost|perdu mon (?:telephone|portable)|handy verloren|finde mein handy nicht|perdido (?:mi|el) movil|tappat (?:min )?mobil`)},
		{portNumber, rx(`keep my number|transfer my number|port(?:ing)? (?:my )?number|\bpac\b|transfer code|garder mon numero|conserver mon numero|portabilite|rufnummer mitnehmen|nummer mitnehmen|portierung|portabilidad|conservar (?:mi|el) numero|llev\w* (?:mi|el) numero|flytta (?:mitt )?nummer|nummerflytt|behalla (?:mitt )?nummer`)},
		{coolingOff, rx(`cooling[- ]off|changed my mind|just (?:got|bought|signed)|two weeks ago|a few days ago|dagar sedan|for (?:\w+ )?dagar sedan|retractation|widerruf|desistimiento|angerratt|\bangra`)},
		{outage, rx(`(?:no|lost) (?:signal|internet|broadband|connection|network)|outage|\bis down\b|been down|not working|panne|coupure|pas de (?:reseau|connexion|internet)|storung|ausfall|kein (?:netz|internet)|geht nicht|funktioniert nicht|averia|sin (?:conexion|internet|cobertura|red)|no funciona|avbrott|storning|inget (?:natt|internet)|ligger nere|funkar inte|fungerar inte|inte (?:har )?(?:fungerat|funkat)`)},
		{roaming, rx(`roaming|abroad|travel|holiday|world pass|itinerance|a l'etranger|voyage|vacances|ausland|urlaub|\breise|extranjero|viaje|vacaciones|utomlands|resa till|semester`)},
		{extraData, rx(`(?:more|extra|run out of|ran out of|used up|out of) (?:data|gb)|data add-on|\badd-on|plus de (?:data|donnees)|datenvolumen|mehr daten|aufbuchen|mas datos|sin datos|bono de datos|mer (?:data|surf)|extra surf|slut pa (?:surfen|data)`)},
		{priceRise, rx(`price (?:rise|increase|went up|gone up|has gone up)|more expensive|augment|hausse|teurer|preiserhoh|subida|aumento|sube el precio|hojning|hojt|dyrare`)},
		{cancelContract, rx(`\bcancel|terminate|leave orbitel|end my contract|resilier|resiliation|kundig|dar(?:me)? de baja|\bcancelar|saga upp|avsluta`)},
		{phoneUpgrade, rx(`upgrade|new phone|eligible|changer de telephone|nouveau telephone|neues handy|vertragsverlangerung|cambiar de movil|movil nuevo|ny telefon|byta telefon|ny mobil`)},
		{billCharges, rx(`bill|invoice|charge|premium|third[- ]party|subscription|facture|frais|rechnung|abbuchung|drittanbieter|abo\b|factura|cargo|suscripcion|faktura|avgift|prenumeration`)},
	},
	handlers: map[intent]func(*solving){
		roaming:        static(roamingAnswer),
		extraData:      static(dataAnswer),
		billCharges:    static(billAnswer),
		priceRise:      static(priceRiseAnswer),
		coolingOff:     static(coolingOffAnswer),
		cancelContract: static(telecomCancelAnswer),
		portNumber:     static(portAnswer),
		outage:         static(outageAnswer),
		lostPhone:      static(lostPhoneAnswer),
		phoneUpgrade:   static(phoneUpgradeAnswer),
	},
	bereavedHandoff: true,
	fraudLead: tx("Our security team needs to look at this straight away, and you can bar your SIM at once in the Orbitel app (Account > Bar my SIM).",
		"Notre équipe sécurité doit examiner cela tout de suite, et vous pouvez bloquer votre SIM immédiatement dans l'application Orbitel (Compte > Bloquer ma SIM).",
		"Unser Sicherheitsteam muss sich das sofort ansehen, und Sie können Ihre SIM-Karte gleich in der Orbitel-App sperren (Konto > SIM sperren).",
		"Nuestro equipo de seguridad tiene que revisarlo enseguida, y puede bloquear su SIM ahora mismo en la aplicación de Orbitel (Cuenta > Bloquear mi SIM).",
		"Vårt säkerhetsteam behöver titta på det här direkt, och du kan spärra ditt SIM-kort med en gång i Orbitel-appen (Konto > Spärra mitt SIM)."),
	fraudAfter: tx("In the meantime, please change the passwords of accounts that send you codes by text message, starting with your email and your bank.",
		"En attendant, changez les mots de passe des comptes qui vous envoient des codes par SMS, en commençant par votre messagerie et votre banque.",
		"Ändern Sie bitte in der Zwischenzeit die Passwörter der Konten, die Ihnen Codes per SMS schicken, zuerst für Ihr E-Mail-Konto und Ihre Bank.",
		"Mientras tanto, cambie las contraseñas de las cuentas que le envían códigos por SMS, empezando por su correo y su banco.",
		"Byt under tiden lösenorden till konton som skickar koder till dig via sms, och börja med din e-post och din bank."),
	bereavementLead: tx("Our Bereavement Support team can close the account or move it into your name, and nothing has to be done today.",
		"Notre équipe Accompagnement décès peut clôturer la ligne ou la transférer à votre nom, et rien ne doit être fait aujourd'hui.",
		"Unser Trauerfall-Team kann den Vertrag beenden oder auf Ihren Namen übertragen, und heute muss nichts erledigt werden.",
		"Nuestro equipo de Atención por Fallecimiento puede dar de baja la línea o pasarla a su nombre, y no hace falta hacer nada hoy.",
		"Vårt team för dödsbon kan avsluta abonnemanget eller flytta det till ditt namn, och inget behöver göras i dag."),
	specialists: map[reason]text{
		fraudReported: tx("a security specialist", "un conseiller de l'équipe sécurité", "einem Mitarbeiter unseres Sicherheitsteams", "un agente de nuestro equipo de seguridad", "en handläggare i vårt säkerhetsteam"),
		hardship:      tx("a Financial Support specialist", "un conseiller de l'équipe Accompagnement financier", "einem Mitarbeiter unseres Teams für finanzielle Unterstützung", "un agente de nuestro equipo de Apoyo Financiero", "en handläggare i vårt team för ekonomiskt stöd"),
		bereaved:      tx("a Bereavement Support specialist", "un conseiller de l'équipe Accompagnement décès", "einem Mitarbeiter unseres Trauerfall-Teams", "un agente de nuestro equipo de Atención por Fallecimiento", "en handläggare i vårt team för dödsbon"),
	},
})

var (
	roamingAnswer = tx("In the EU and EEA, your calls, texts and data use your plan's allowance at no extra cost, with a fair-use limit of 35 GB of data a month while roaming. Outside the EU and EEA, roaming works with the World Pass: €6 per day, charged only on days you use your phone there, and it includes your plan's allowance. You can switch it on in the Orbitel app.",
		"Dans l'UE et l'EEE, vos appels, SMS et données utilisent le forfait sans frais supplémentaires, avec une limite d'usage raisonnable de 35 Go de données par mois en itinérance. Hors UE et EEE, l'itinérance fonctionne avec le World Pass : 6 € par jour, facturé uniquement les jours où vous utilisez votre téléphone sur place, forfait inclus. Vous pouvez l'activer dans l'application Orbitel.",
		"In der EU und im EWR nutzen Anrufe, SMS und Daten Ihr normales Tarifvolumen ohne Aufpreis, mit einer Fair-Use-Grenze von 35 GB Daten im Monat beim Roaming. Außerhalb von EU und EWR funktioniert Roaming mit dem World Pass: 6 € pro Tag, berechnet nur an Tagen, an denen Sie Ihr Handy dort nutzen, inklusive Ihres Tarifvolumens. Sie können ihn in der Orbitel-App aktivieren.",
		"En la UE y el EEE, sus llamadas, SMS y datos usan lo incluido en su tarifa sin coste adicional, con un límite de uso razonable de 35 GB de datos al mes en roaming. Fuera de la UE y el EEE, el roaming funciona con el World Pass: 6 € por día, que solo se cobra los días que use el móvil allí, e incluye lo de su tarifa. Puede activarlo en la aplicación de Orbitel.",
		"Inom EU och EES använder samtal, sms och data ditt abonnemangs utrymme utan extra kostnad, med en gräns för skälig användning på 35 GB data i månaden vid roaming. Utanför EU och EES fungerar roaming med World Pass: 6 € per dag, som bara debiteras de dagar du använder mobilen där, och ditt abonnemangs utrymme ingår. Du slår på det i Orbitel-appen.")
	dataAnswer = tx("You can add 5 GB of extra data for €5 in the Orbitel app; it's valid until the end of your billing month.",
		"Vous pouvez ajouter 5 Go de données pour 5 € dans l'application Orbitel ; ils sont valables jusqu'à la fin de votre mois de facturation.",
		"Sie können in der Orbitel-App 5 GB zusätzliches Datenvolumen für 5 € dazubuchen; es gilt bis zum Ende Ihres Abrechnungsmonats.",
		"Puede añadir 5 GB de datos extra por 5 € en la aplicación de Orbitel; son válidos hasta el final de su mes de facturación.",
		"Du kan lägga till 5 GB extra data för 5 € i Orbitel-appen; det gäller till slutet av din fakturamånad.")
	billAnswer = tx("Your bill is issued on the 1st of each month and collected by direct debit 14 days later. Premium-rate numbers and services from other companies billed to your phone are listed under Other charges, and you can bar them in the Orbitel app under Settings > Spending controls. For a third-party charge you don't recognise, the refund has to be requested from that provider, whose details are on the bill.",
		"Votre facture est émise le 1er de chaque mois et prélevée 14 jours plus tard. Les numéros surtaxés et les services d'autres sociétés facturés sur votre ligne figurent sous Autres frais, et vous pouvez les bloquer dans l'application Orbitel, rubrique Paramètres > Contrôle des dépenses. Pour un service tiers que vous ne reconnaissez pas, le remboursement se demande à ce fournisseur, dont les coordonnées figurent sur la facture.",
		"Ihre Rechnung wird am 1. jedes Monats erstellt und 14 Tage später per Lastschrift eingezogen. Premiumnummern und Dienste anderer Firmen, die über Ihren Anschluss abgerechnet werden, stehen unter Sonstige Kosten, und Sie können sie in der Orbitel-App unter Einstellungen > Ausgabenkontrolle sperren. Für eine Drittanbieter-Abbuchung, die Sie nicht kennen, fordern Sie die Erstattung bei diesem Anbieter an; seine Kontaktdaten stehen auf der Rechnung.",
		"Su factura se emite el día 1 de cada mes y se cobra por domiciliación 14 días después. Los números de tarificación especial y los servicios de otras empresas cobrados en su línea aparecen en Otros cargos, y puede bloquearlos en la aplicación de Orbitel, en Ajustes > Control de gastos. Para un cargo de terceros que no reconoce, el reembolso se pide a ese proveedor, cuyos datos aparecen en la factura.",
		"Din faktura skapas den 1:a varje månad och dras via autogiro 14 dagar senare. Betalnummer och tjänster från andra företag som debiteras via ditt abonnemang står under Övriga avgifter, och du kan spärra dem i Orbitel-appen under Inställningar > Utgiftskontroll. För en avgift från ett annat företag som du inte känner igen begär du återbetalning från det företaget; deras uppgifter står på fakturan.")
	priceRiseAnswer = tx("Prices can rise once a year, in April, by the amount written in your contract: €2 a month. We tell you at least 30 days before the new price applies.",
		"Les prix peuvent augmenter une fois par an, en avril, du montant prévu dans votre contrat : 2 € par mois. Nous vous prévenons au moins 30 jours avant l'application du nouveau prix.",
		"Die Preise können einmal im Jahr, im April, um den Betrag steigen, der in Ihrem Vertrag steht: 2 € im Monat. Wir informieren Sie mindestens 30 Tage, bevor der neue Preis gilt.",
		"Los precios pueden subir una vez al año, en abril, en la cantidad que figura en su contrato: 2 € al mes. Le avisamos con al menos 30 días de antelación antes de aplicar el nuevo precio.",
		"Priserna kan höjas en gång om året, i april, med det belopp som står i ditt avtal: 2 € i månaden. Vi meddelar dig minst 30 dagar innan det nya priset gäller.")
	coolingOffAnswer = tx("A contract made online or by phone can be cancelled within 14 days of delivery, free of charge, as long as the phone is returned unused. You can do it in the Orbitel app under Account > Cancel within 14 days, and you'll get a free return label.",
		"Un contrat souscrit en ligne ou par téléphone peut être résilié dans les 14 jours suivant la livraison, sans frais, à condition de renvoyer le téléphone non utilisé. Faites-le dans l'application Orbitel, rubrique Compte > Annuler sous 14 jours, et vous recevrez une étiquette de retour gratuite.",
		"Einen online oder telefonisch geschlossenen Vertrag können Sie innerhalb von 14 Tagen nach der Lieferung kostenlos widerrufen, wenn Sie das Handy unbenutzt zurückschicken. Das geht in der Orbitel-App unter Konto > Innerhalb von 14 Tagen widerrufen, und Sie bekommen ein kostenloses Rücksendeetikett.",
		"Un contrato hecho en línea o por teléfono se puede cancelar en un plazo de 14 días desde la entrega, sin coste, siempre que devuelva el móvil sin usar. Puede hacerlo en la aplicación de Orbitel, en Cuenta > Cancelar en 14 días, y recibirá una etiqueta de devolución gratuita.",
		"Ett avtal som du har tecknat på nätet eller per telefon kan sägas upp inom 14 dagar från leveransen, utan kostnad, om telefonen skickas tillbaka oanvänd. Det gör du i Orbitel-appen under Konto > Ångra inom 14 dagar, och du får en gratis returetikett.")
	telecomCancelAnswer = tx("Phone contracts have a minimum term of 24 months, and SIM-only plans run month to month. After the minimum term, or on SIM-only, you can cancel with 30 days' notice at no charge. Cancelling during the minimum term costs an early termination fee of €10 per remaining month. If you want to keep your number, request the transfer code in the app before you cancel.",
		"Les contrats avec téléphone ont une durée minimale de 24 mois, et les forfaits sans téléphone sont mensuels. Après la durée minimale, ou sans téléphone, vous pouvez résilier avec un préavis de 30 jours, sans frais. Résilier pendant la durée minimale coûte des frais de résiliation anticipée de 10 € par mois restant. Pour garder votre numéro, demandez le code de transfert dans l'application avant de résilier.",
		"Handyverträge haben eine Mindestlaufzeit von 24 Monaten, SIM-only-Tarife sind monatlich kündbar. Nach der Mindestlaufzeit oder bei SIM-only können Sie mit 30 Tagen Frist kostenlos kündigen. Eine Kündigung während der Mindestlaufzeit kostet eine Gebühr von 10 € pro verbleibendem Monat. Wenn Sie Ihre Nummer behalten möchten, fordern Sie vor der Kündigung den Wechselcode in der App an.",
		"Los contratos con móvil tienen una permanencia mínima de 24 meses, y las tarifas solo SIM son mensuales. Después de la permanencia, o con solo SIM, puede darse de baja con 30 días de preaviso y sin coste. Darse de baja durante la permanencia cuesta una penalización de 10 € por cada mes que quede. Si quiere conservar su número, pida el código de portabilidad en la aplicación antes de darse de baja.",
		"Mobilavtal har en bindningstid på 24 månader, och abonnemang utan telefon löper månad för månad. Efter bindningstiden, eller utan telefon, kan du säga upp med 30 dagars uppsägningstid utan kostnad. Att säga upp under bindningstiden kostar en avgift på 10 € per återstående månad. Om du vill behålla ditt nummer, begär flyttkoden i appen innan du säger upp.")
	portAnswer = tx("To move your number to another provider, request your transfer code in the Orbitel app under Account > Keep my number. The code is valid for 30 days, and once you give it to your new provider the move happens within 1 business day.",
		"Pour transférer votre numéro chez un autre opérateur, demandez votre code de transfert dans l'application Orbitel, rubrique Compte > Garder mon numéro. Le code est valable 30 jours, et une fois transmis à votre nouvel opérateur, le transfert se fait sous 1 jour ouvré.",
		"Um Ihre Nummer zu einem anderen Anbieter mitzunehmen, fordern Sie in der Orbitel-App unter Konto > Nummer behalten Ihren Wechselcode an. Der Code ist 30 Tage gültig, und sobald Sie ihn Ihrem neuen Anbieter geben, erfolgt der Wechsel innerhalb von 1 Werktag.",
		"Para llevarse su número a otro operador, pida su código de portabilidad en la aplicación de Orbitel, en Cuenta > Conservar mi número. El código es válido durante 30 días, y cuando se lo dé a su nuevo operador, el cambio se hace en un plazo de 1 día hábil.",
		"För att flytta ditt nummer till en annan operatör begär du din flyttkod i Orbitel-appen under Konto > Behåll mitt nummer. Koden gäller i 30 dagar, och när du har gett den till din nya operatör sker flytten inom 1 arbetsdag.")
	outageAnswer = tx("You can check for known problems in your area at orbitel.example/status. If there's nothing listed, report the fault in the Orbitel app under Help > Report a fault: it runs a line test and books an engineer if one is needed. If your home broadband is completely down for more than 2 full days after you report it, compensation of €5 per day is added to your next bill automatically from the third day.",
		"Vous pouvez vérifier les incidents connus dans votre secteur sur orbitel.example/status. Si rien n'y figure, signalez la panne dans l'application Orbitel, rubrique Aide > Signaler une panne : elle lance un test de ligne et réserve un technicien si nécessaire. Si votre internet à domicile est totalement coupé plus de 2 jours complets après votre signalement, une indemnisation de 5 € par jour est ajoutée automatiquement à votre prochaine facture à partir du troisième jour.",
		"Bekannte Störungen in Ihrer Gegend sehen Sie unter orbitel.example/status. Steht dort nichts, melden Sie die Störung in der Orbitel-App unter Hilfe > Störung melden: Die App macht einen Leitungstest und bucht bei Bedarf einen Techniker. Ist Ihr Internet zu Hause nach Ihrer Meldung mehr als 2 volle Tage komplett ausgefallen, wird ab dem dritten Tag automatisch eine Entschädigung von 5 € pro Tag auf Ihrer nächsten Rechnung gutgeschrieben.",
		"Puede consultar las incidencias conocidas en su zona en orbitel.example/status. Si no aparece nada, comunique la avería en la aplicación de Orbitel, en Ayuda > Comunicar una avería: hace una prueba de línea y reserva un técnico si hace falta. Si su fibra de casa está totalmente caída más de 2 días completos después de comunicarlo, se añade automáticamente a su próxima factura una compensación de 5 € por día a partir del tercer día.",
		"Du kan se kända störningar i ditt område på orbitel.example/status. Om inget står där, anmäl felet i Orbitel-appen under Hjälp > Anmäl fel: appen gör ett linjetest och bokar en tekniker om det behövs. Om ditt bredband hemma är helt nere i mer än 2 hela dagar efter din anmälan, läggs en ersättning på 5 € per dag automatiskt på din nästa faktura från och med den tredje dagen.")
	lostPhoneAnswer = tx("Please bar your SIM straight away in the Orbitel app (Account > Bar my SIM) or by calling +34 900 555 014, so nobody can use your number. A replacement SIM is free and arrives within 2 business days, with the same number.",
		"Bloquez votre carte SIM tout de suite dans l'application Orbitel (Compte > Bloquer ma SIM) ou en appelant le +34 900 555 014, pour que personne ne puisse utiliser votre numéro. Une SIM de remplacement est gratuite et arrive sous 2 jours ouvrés, avec le même numéro.",
		"Bitte sperren Sie Ihre SIM-Karte sofort in der Orbitel-App (Konto > SIM sperren) oder telefonisch unter +34 900 555 014, damit niemand Ihre Nummer nutzen kann. Eine Ersatz-SIM ist kostenlos und kommt innerhalb von 2 Werktagen, mit derselben Nummer.",
		"Bloquee su SIM ahora mismo en la aplicación de Orbitel (Cuenta > Bloquear mi SIM) o llamando al +34 900 555 014, para que nadie pueda usar su número. Una SIM de sustitución es gratuita y llega en un plazo de 2 días hábiles, con el mismo número.",
		"Spärra ditt SIM-kort direkt i Orbitel-appen (Konto > Spärra mitt SIM) eller genom att ringa +34 900 555 014, så att ingen kan använda ditt nummer. Ett nytt SIM-kort är gratis och kommer inom 2 arbetsdagar, med samma nummer.")
	phoneUpgradeAnswer = tx("You can upgrade your phone from 30 days before the end of your 24-month minimum term; the Orbitel app shows your upgrade date under Account > My contract, and the phones and prices available to you.",
		"Vous pouvez changer de téléphone à partir de 30 jours avant la fin de votre durée minimale de 24 mois ; l'application Orbitel indique votre date sous Compte > Mon contrat, avec les téléphones et les prix disponibles pour vous.",
		"Sie können Ihr Handy ab 30 Tagen vor dem Ende Ihrer Mindestlaufzeit von 24 Monaten tauschen; die Orbitel-App zeigt Ihr Datum unter Konto > Mein Vertrag, zusammen mit den Handys und Preisen, die Ihnen zur Verfügung stehen.",
		"Puede cambiar de móvil a partir de 30 días antes del fin de su permanencia de 24 meses; la aplicación de Orbitel le muestra la fecha en Cuenta > Mi contrato, con los móviles y precios disponibles para usted.",
		"Du kan byta telefon från 30 dagar före slutet av din bindningstid på 24 månader; Orbitel-appen visar ditt datum under Konto > Mitt avtal, tillsammans med de telefoner och priser som gäller för dig.")
)
