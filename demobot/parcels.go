package demobot

// Swiftparcel (fixtures/policies/parcels.md).

const (
	damaged        intent = "parcels.damaged"
	missing        intent = "parcels.missing"
	missedDelivery intent = "parcels.missed"
	track          intent = "parcels.track"
	deliveryTimes  intent = "parcels.times"
	lateDelivery   intent = "parcels.late"
	sendParcel     intent = "parcels.send"
	addressChange  intent = "parcels.address"
)

var parcelsDomain = register(&domainSpec{
	id:    "parcels",
	brand: "Swiftparcel",
	kind:  tx("delivery firm", "entreprise de livraison", "Lieferfirma", "empresa de mensajería", "budfirma"),
	words: rx(`\b(?:parcels?|packages?|deliver(?:y|ed|ies)?|courier|driver|box|tracking|track|depot|swiftparcel|sp[0-9]{6,}[a-z]{0,2}|customs|colis|livraison|livreur|livre|suivi|suivre|point relais|avis de passage` +
		`|pakete?|paketbote|sendung|sendungsnummer|zustellung|zugestellt|paketshop|packstation` +
		`|paquetes?|envio|repartidor|mensajero|seguimiento` +
		`|paketet|forsandelse|leverans|levererat|budet|sparning|sparningsnummer|ombud|utlamningsstalle)\b`),
	brandRe:    rx(`swiftparcel`),
	phone:      tx("our customer service team on +33 970 801 200 (Monday to Saturday, 8:00 to 20:00)", "notre service client au +33 970 801 200 (du lundi au samedi, de 8:00 à 20:00)", "unseren Kundenservice unter +33 970 801 200 (Montag bis Samstag, 8:00 bis 20:00 Uhr)", "nuestro servicio de atención al cliente en el +33 970 801 200 (de lunes a sábado, de 8:00 a 20:00)", "vår kundtjänst på +33 970 801 200 (måndag till lördag, 8:00 till 20:00)"),
	phoneShort: "+33 970 801 200",
	notCovered: rx(`\b(?:customs|duties|duty|douanes?|tenerife|canary|canaries|overseas|international|abroad|outside the eu|hors ue|lithium|batter(?:y|ies)|alcohol|firearms?|outre-mer|zoll\w*|ausland|akku|batterie|alkohol|waffen?|aduanas?|internacional|extranjero|canarias|bateria|armas?|tullen?|utlandet|internationell\w*|batteri|vapen)\b`),
	intents: []intentRule{
		{damaged, rx(`damaged|broken|crushed|smashed|in pieces|dented|\btorn\b|abime|casse|endommage|ecrase|beschadigt|kaputt|zerbrochen|zerdruckt|eingedruckt|danad|\broto\b|\brota\b|aplastad|estropead|abollad|skadad|trasig|sonder|krossad|tillplattad`)},
		{lateDelivery, rx(`express\b[^.?!]{0,60}\b(?:late|delay|retard|verspat|retras|forsen)|\b(?:late|delayed) (?:delivery|parcel|express)|compensation for (?:a )?late`)},
		{addressChange, rx(`(?:change|update|correct)[^.?!]{0,20}(?:delivery )?address|different address|wrong address|(?:send|deliver|take) it to (?:my|a|another|the) (?:\w+ )?address|(?:new|other|office|work) address|\bredirect|changer (?:l')?adresse|mauvaise adresse|adresse (?:andern|falsch|korrigieren)|falsche adresse|cambiar (?:la )?direccion|direccion (?:equivocada|incorrecta)|andra (?:leverans)?adress|fel adress`)},
		{missing, rx(`\blost\b|missing|never (?:arrived|came|turned up)|hasn't (?:arrived|come|turned up)|has not arrived|not (?:arrived|received)|isn't here|is not here|didn't arrive|(?:meant|supposed) to arrive|should have arrived|still waiting|(?:says|shows|marked)(?: as)? delivered|perdu|jamais arrive|pas arrive|pas recu|pa recu|toujours pas|indique livre|a ete livre` +
			`|verloren|verschwunden|nie angekommen|nicht angekommen|immer noch nicht|(?:als )?zugestellt (?:angezeigt|markiert)|steht (?:auf|als) zugestellt|wo bleibt` +
			`|perdid|extraviad|no ha llegado|nunca llego|todavia no|sigue sin llegar|(?:aparece|figura|pone) (?:como )?entregado|deberia haber llegado` +
			`|forsvunn|borttappat|kommit bort|har inte kommit|aldrig kommit|fortfarande inte|star som levererat|(?:markerat|visas) som levererat|borde ha kommit`)},
		{missedDelivery, rx(`\bmissed\b|wasn't (?:home|in)|not (?:at )?home|while i was (?:out|at work)|card through|avis de passage|absent|pas la|au travail|recuper|redeliver|redelivery|nouvelle livraison|nicht (?:zu hause|da)|benachrichtigungskarte|verpasst|abholen|no estaba en casa|aviso de paso|ausente|recoger|inte hemma|avisering|missade|hamta`)},
		{sendParcel, rx(`send (?:a|my|the) (?:parcel|package)|(?:how much|price|cost)[^.?!]{0,30}(?:to send|postage|shipping)|postage|envoyer un colis|combien (?:coute|ca coute) (?:l'envoi|d'envoyer)|paket (?:verschicken|senden|aufgeben)|was kostet (?:ein|das) paket|enviar un paquete|cuanto cuesta enviar|skicka ett paket|vad kostar det att skicka|\bporto\b`)},
		{track, rx(`\btrack|where(?:'s| is) my (?:parcel|package)|where my (?:parcel|package)|suivre|suivi|ou est mon colis|verfolg|wo ist mein paket|seguimiento|rastrear|donde esta mi paquete|\bspara\b|sparning|var ar mitt paket`)},
		{deliveryTimes, rx(`how long|when will|how many days|delivery times?|\barrive\?|combien de temps|quand (?:va|sera|arrivera)|delai|wie lange|wann kommt|lieferzeit|cuanto tarda|cuando llega|plazo de entrega|hur lang tid|nar kommer|leveranstid`)},
	},
	handlers: map[intent]func(*solving){
		damaged:        static(damagedSorry, damagedAnswer),
		missing:        static(missingAnswer),
		missedDelivery: static(missedAnswer),
		track:          static(trackAnswer),
		deliveryTimes:  static(timesAnswer),
		lateDelivery:   static(lateAnswer),
		sendParcel:     static(sendAnswer),
		addressChange:  static(addressAnswer),
	},
	fraudLead: tx("Only the verified account holder can redirect a parcel, so our security team needs to look at this.",
		"Seul le titulaire vérifié du compte peut rediriger un colis : notre équipe sécurité doit examiner cela.",
		"Nur der verifizierte Kontoinhaber kann ein Paket umleiten, deshalb muss sich unser Sicherheitsteam das ansehen.",
		"Solo el titular verificado de la cuenta puede redirigir un paquete, así que nuestro equipo de seguridad tiene que revisarlo.",
		"Bara den verifierade kontoinnehavaren kan styra om ett paket, så vårt säkerhetsteam behöver titta på det här."),
	specialists: map[reason]text{
		fraudReported: tx("a security specialist", "un conseiller de l'équipe sécurité", "einem Mitarbeiter unseres Sicherheitsteams", "un agente de nuestro equipo de seguridad", "en handläggare i vårt säkerhetsteam"),
	},
	fraudAfter: tx("In the meantime, please change your Swiftparcel account password and never share one-time codes with anyone.",
		"En attendant, changez le mot de passe de votre compte Swiftparcel et ne communiquez jamais de code à usage unique.",
		"Ändern Sie bitte in der Zwischenzeit das Passwort Ihres Swiftparcel-Kontos und geben Sie Einmalcodes niemals weiter.",
		"Mientras tanto, cambie la contraseña de su cuenta de Swiftparcel y no comparta nunca códigos de un solo uso.",
		"Byt under tiden lösenordet till ditt Swiftparcel-konto och dela aldrig engångskoder med någon."),
})

var (
	damagedSorry = tx("I'm sorry your parcel arrived damaged.",
		"Je suis désolé que votre colis soit arrivé endommagé.",
		"Es tut mir leid, dass Ihr Paket beschädigt angekommen ist.",
		"Siento mucho que su paquete haya llegado dañado.",
		"Jag är ledsen att ditt paket kom fram skadat.")
	damagedAnswer = tx("Please report it within 48 hours of delivery with the Damage form at swiftparcel.example/damage, adding photos of the box, the packaging and the contents, and keep the packaging until the claim is closed. Compensation is paid to the sender: up to €25 on Standard, or up to the declared value (maximum €500) with Swiftparcel Protect. If you bought the item from a shop, let them know too, as they can often send a replacement.",
		"Signalez-le dans les 48 heures suivant la livraison avec le formulaire Dommages sur swiftparcel.example/damage, en ajoutant des photos du carton, de l'emballage et du contenu, et gardez l'emballage jusqu'à la clôture du dossier. L'indemnisation est versée à l'expéditeur : jusqu'à 25 € en Standard, ou jusqu'à la valeur déclarée (500 € maximum) avec Swiftparcel Protect. Si vous avez acheté l'article dans une boutique, prévenez-la aussi : elle peut souvent vous en renvoyer un.",
		"Bitte melden Sie den Schaden innerhalb von 48 Stunden nach der Zustellung mit dem Schadensformular unter swiftparcel.example/damage, mit Fotos vom Karton, von der Verpackung und vom Inhalt, und bewahren Sie die Verpackung auf, bis der Fall abgeschlossen ist. Die Entschädigung geht an den Absender: bis zu 25 € bei Standard oder bis zum angegebenen Wert (höchstens 500 €) mit Swiftparcel Protect. Wenn Sie den Artikel in einem Shop gekauft haben, sagen Sie dort bitte auch Bescheid, oft schickt der Shop Ersatz.",
		"Comuníquelo en un plazo de 48 horas desde la entrega con el formulario de daños en swiftparcel.example/damage, con fotos de la caja, del embalaje y del contenido, y guarde el embalaje hasta que se cierre la reclamación. La indemnización se paga al remitente: hasta 25 € en Standard, o hasta el valor declarado (máximo 500 €) con Swiftparcel Protect. Si compró el artículo en una tienda, avísela también, porque a menudo puede enviarle otro.",
		"Anmäl skadan inom 48 timmar från leveransen med skadeformuläret på swiftparcel.example/damage, med foton på kartongen, förpackningen och innehållet, och spara förpackningen tills ärendet är avslutat. Ersättningen betalas till avsändaren: upp till 25 € med Standard, eller upp till det angivna värdet (högst 500 €) med Swiftparcel Protect. Om du köpte varan i en butik, säg till dem också, eftersom de ofta kan skicka en ny.")
	missingAnswer = tx("If tracking hasn't updated for 5 business days, or the parcel shows as delivered but you don't have it, please report it with the Missing parcel form at swiftparcel.example/missing (or in the app) using your 14-character tracking number. We open an investigation and reply within 10 business days. If the parcel isn't found, the sender is compensated up to €25 on Standard, or up to the declared value (maximum €500) with Swiftparcel Protect; if you bought from a shop, let them know too, as they can send a replacement. If you'd like to speak to someone, our customer service team is on +33 970 801 200, Monday to Saturday, 8:00 to 20:00.",
		"Si le suivi n'a pas bougé depuis 5 jours ouvrés, ou si le colis apparaît comme livré alors que vous ne l'avez pas, signalez-le avec le formulaire Colis manquant sur swiftparcel.example/missing (ou dans l'application), avec votre numéro de suivi de 14 caractères. Nous ouvrons une enquête et répondons sous 10 jours ouvrés. Si le colis n'est pas retrouvé, l'expéditeur est indemnisé jusqu'à 25 € en Standard, ou jusqu'à la valeur déclarée (500 € maximum) avec Swiftparcel Protect ; si vous avez acheté dans une boutique, prévenez-la aussi, elle peut vous renvoyer l'article. Pour parler à quelqu'un, notre service client est joignable au +33 970 801 200, du lundi au samedi, de 8:00 à 20:00.",
		"Wenn sich die Sendungsverfolgung seit 5 Werktagen nicht geändert hat oder das Paket als zugestellt angezeigt wird, Sie es aber nicht haben, melden Sie es bitte mit dem Formular für fehlende Pakete unter swiftparcel.example/missing (oder in der App) mit Ihrer 14-stelligen Sendungsnummer. Wir leiten eine Nachforschung ein und antworten innerhalb von 10 Werktagen. Wird das Paket nicht gefunden, wird der Absender mit bis zu 25 € bei Standard entschädigt, oder bis zum angegebenen Wert (höchstens 500 €) mit Swiftparcel Protect; wenn Sie in einem Shop gekauft haben, sagen Sie dort bitte auch Bescheid, der Shop kann Ersatz schicken. Wenn Sie mit jemandem sprechen möchten: Unser Kundenservice ist unter +33 970 801 200 erreichbar, Montag bis Samstag, 8:00 bis 20:00 Uhr.",
		"Si el seguimiento no se ha actualizado en 5 días hábiles, o el paquete aparece como entregado pero usted no lo tiene, comuníquelo con el formulario de paquete perdido en swiftparcel.example/missing (o en la aplicación) con su número de seguimiento de 14 caracteres. Abrimos una investigación y respondemos en un plazo de 10 días hábiles. Si el paquete no aparece, se indemniza al remitente con hasta 25 € en Standard, o hasta el valor declarado (máximo 500 €) con Swiftparcel Protect; si compró en una tienda, avísela también, porque puede enviarle otro. Si quiere hablar con alguien, nuestro servicio de atención al cliente está en el +33 970 801 200, de lunes a sábado, de 8:00 a 20:00.",
		"Om spårningen inte har uppdaterats på 5 arbetsdagar, eller om paketet står som levererat men du inte har fått det, anmäl det med formuläret för saknade paket på swiftparcel.example/missing (eller i appen) med ditt spårningsnummer på 14 tecken. Vi startar en utredning och svarar inom 10 arbetsdagar. Om paketet inte hittas får avsändaren ersättning med upp till 25 € för Standard, eller upp till det angivna värdet (högst 500 €) med Swiftparcel Protect; om du köpte från en butik, säg till dem också, eftersom de kan skicka en ny vara. Om du vill prata med någon når du vår kundtjänst på +33 970 801 200, måndag till lördag, 8:00 till 20:00.")
	missedAnswer = tx("No problem: we make 2 more delivery attempts on the following business days. In the app or at swiftparcel.example/track you can choose another day, a neighbour, a safe place or a pickup point instead. After the last attempt, the parcel is kept at your local depot for 7 days and then returned to the sender.",
		"Pas de souci : nous faisons 2 nouvelles tentatives de livraison les jours ouvrés suivants. Dans l'application ou sur swiftparcel.example/track, vous pouvez choisir un autre jour, un voisin, un lieu sûr ou un point relais. Après la dernière tentative, le colis est conservé 7 jours à votre dépôt local, puis renvoyé à l'expéditeur.",
		"Kein Problem: Wir versuchen an den folgenden Werktagen noch 2 weitere Zustellungen. In der App oder unter swiftparcel.example/track können Sie stattdessen einen anderen Tag, einen Nachbarn, einen Ablageort oder einen Paketshop wählen. Nach dem letzten Versuch wird das Paket 7 Tage in Ihrem Depot aufbewahrt und dann an den Absender zurückgeschickt.",
		"No se preocupe: hacemos 2 intentos de entrega más en los días hábiles siguientes. En la aplicación o en swiftparcel.example/track puede elegir otro día, un vecino, un lugar seguro o un punto de recogida. Tras el último intento, el paquete se guarda 7 días en su depósito local y después se devuelve al remitente.",
		"Inga problem: vi gör 2 nya leveransförsök de följande arbetsdagarna. I appen eller på swiftparcel.example/track kan du i stället välja en annan dag, en granne, en säker plats eller ett ombud. Efter sista försöket förvaras paketet på din lokala terminal i 7 dagar och skickas sedan tillbaka till avsändaren.")
	trackAnswer = tx("You can track your parcel with its 14-character tracking number (it starts with SP and is in the shipping email) at swiftparcel.example/track or in the Swiftparcel app. Tracking updates within 24 hours of each scan. If you don't have the number, the shop you ordered from can give it to you.",
		"Vous pouvez suivre votre colis avec son numéro de suivi de 14 caractères (il commence par SP et figure dans l'e-mail d'expédition) sur swiftparcel.example/track ou dans l'application Swiftparcel. Le suivi est mis à jour dans les 24 heures après chaque scan. Si vous n'avez pas ce numéro, la boutique où vous avez commandé peut vous le donner.",
		"Sie können Ihr Paket mit seiner 14-stelligen Sendungsnummer (sie beginnt mit SP und steht in der Versand-E-Mail) unter swiftparcel.example/track oder in der Swiftparcel-App verfolgen. Die Sendungsverfolgung wird innerhalb von 24 Stunden nach jedem Scan aktualisiert. Wenn Sie die Nummer nicht haben, bekommen Sie sie von dem Shop, bei dem Sie bestellt haben.",
		"Puede seguir su paquete con su número de seguimiento de 14 caracteres (empieza por SP y está en el correo de envío) en swiftparcel.example/track o en la aplicación de Swiftparcel. El seguimiento se actualiza en un plazo de 24 horas después de cada escaneo. Si no tiene el número, la tienda donde hizo el pedido se lo puede dar.",
		"Du kan spåra ditt paket med dess spårningsnummer på 14 tecken (det börjar med SP och finns i leveransmejlet) på swiftparcel.example/track eller i Swiftparcel-appen. Spårningen uppdateras inom 24 timmar efter varje skanning. Om du inte har numret kan butiken där du beställde ge dig det.")
	timesAnswer = tx("Standard delivery takes 2–3 business days within the country, and Express arrives the next business day when booked by 17:00. You can follow your parcel at swiftparcel.example/track.",
		"La livraison Standard prend 2 à 3 jours ouvrés, et l'Express arrive le jour ouvré suivant si elle est réservée avant 17:00. Vous pouvez suivre votre colis sur swiftparcel.example/track.",
		"Die Standardzustellung dauert im Inland 2 bis 3 Werktage, Express kommt am nächsten Werktag, wenn bis 17:00 Uhr gebucht. Sie können Ihr Paket unter swiftparcel.example/track verfolgen.",
		"La entrega Standard tarda de 2 a 3 días hábiles dentro del país, y Express llega el siguiente día hábil si se contrata antes de las 17:00. Puede seguir su paquete en swiftparcel.example/track.",
		"Standardleverans tar 2–3 arbetsdagar inom landet, och Express kommer nästa arbetsdag om den bokas senast 17:00. Du kan följa ditt paket på swiftparcel.example/track.")
	lateAnswer = tx("Swiftparcel doesn't pay compensation for late Standard deliveries. When an Express parcel arrives late, the Express supplement is refunded to the sender, so the shop or person who sent it can claim it.",
		"Swiftparcel ne verse pas d'indemnisation pour les livraisons Standard en retard. Quand un colis Express arrive en retard, le supplément Express est remboursé à l'expéditeur : c'est donc la boutique ou la personne qui l'a envoyé qui peut le demander.",
		"Für verspätete Standardzustellungen zahlt Swiftparcel keine Entschädigung. Kommt ein Express-Paket zu spät an, wird der Express-Zuschlag dem Absender erstattet, also kann ihn der Shop oder die Person, die es verschickt hat, zurückfordern.",
		"Swiftparcel no paga compensación por entregas Standard con retraso. Cuando un paquete Express llega tarde, se reembolsa el suplemento Express al remitente, así que es la tienda o la persona que lo envió quien puede pedirlo.",
		"Swiftparcel betalar ingen ersättning för försenade Standardleveranser. När ett Express-paket kommer fram för sent återbetalas Express-tillägget till avsändaren, så det är butiken eller personen som skickade det som kan begära det.")
	sendAnswer = tx("Sending a Standard parcel within the country costs €6.90 up to 2 kg, €9.90 up to 10 kg and €14.90 up to 20 kg; Express adds a supplement of €8. You can buy a label at swiftparcel.example/send and drop the parcel at any pickup point.",
		"L'envoi d'un colis Standard dans le pays coûte 6,90 € jusqu'à 2 kg, 9,90 € jusqu'à 10 kg et 14,90 € jusqu'à 20 kg ; l'Express ajoute un supplément de 8 €. Vous pouvez acheter une étiquette sur swiftparcel.example/send et déposer le colis dans n'importe quel point relais.",
		"Ein Standardpaket im Inland kostet bis 2 kg 6,90 €, bis 10 kg 9,90 € und bis 20 kg 14,90 €; Express kostet 8 € Zuschlag. Ein Etikett kaufen Sie unter swiftparcel.example/send und geben das Paket in jedem Paketshop ab.",
		"Enviar un paquete Standard dentro del país cuesta 6,90 € hasta 2 kg, 9,90 € hasta 10 kg y 14,90 € hasta 20 kg; Express añade un suplemento de 8 €. Puede comprar la etiqueta en swiftparcel.example/send y dejar el paquete en cualquier punto de recogida.",
		"Att skicka ett Standardpaket inom landet kostar 6,90 € upp till 2 kg, 9,90 € upp till 10 kg och 14,90 € upp till 20 kg; Express kostar ett tillägg på 8 €. Du köper en etikett på swiftparcel.example/send och lämnar paketet hos valfritt ombud.")
	addressAnswer = tx("I'm not able to change the delivery address, and only the sender can change it before the parcel is dispatched, so please ask the shop. What you can change yourself, in the app or at swiftparcel.example/track, is the day, a neighbour, a safe place or a pickup point.",
		"Je ne peux pas modifier l'adresse de livraison, et seul l'expéditeur peut la changer avant l'envoi : demandez-le à la boutique. Vous pouvez en revanche choisir vous-même, dans l'application ou sur swiftparcel.example/track, un autre jour, un voisin, un lieu sûr ou un point relais.",
		"Die Lieferadresse kann ich nicht ändern, und nur der Absender kann sie vor dem Versand ändern, bitte fragen Sie also den Shop. Selbst ändern können Sie in der App oder unter swiftparcel.example/track den Tag, einen Nachbarn, einen Ablageort oder einen Paketshop.",
		"No puedo cambiar la dirección de entrega, y solo el remitente puede cambiarla antes del envío, así que pídaselo a la tienda. Lo que sí puede cambiar usted en la aplicación o en swiftparcel.example/track es el día, un vecino, un lugar seguro o un punto de recogida.",
		"Jag kan inte ändra leveransadressen, och bara avsändaren kan ändra den innan paketet skickas, så fråga butiken. Det du själv kan ändra i appen eller på swiftparcel.example/track är dagen, en granne, en säker plats eller ett ombud.")
)
