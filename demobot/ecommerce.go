package demobot

import "strings"

// Meridian Motors, a car dealer with an online accessories shop
// (fixtures/policies/ecommerce.md).

const (
	carPrice    intent = "ecommerce.price"
	testDrive   intent = "ecommerce.test-drive"
	reservation intent = "ecommerce.reservation"
	carReturn   intent = "ecommerce.car-return"
	orderChange intent = "ecommerce.order-change"
	orderStatus intent = "ecommerce.order-status"
	shopReturn  intent = "ecommerce.return"
	shopDeliver intent = "ecommerce.delivery"
	warranty    intent = "ecommerce.warranty"
	carFault    intent = "ecommerce.fault"
	carFinance  intent = "ecommerce.finance"
	tradeIn     intent = "ecommerce.trade-in"
)

// salesCall: the customer accepted the offer of a call with a salesperson.
const salesCall reason = "customer accepted a call with a salesperson"

var salesMarkers = []string{"like me to arrange a call with a salesperson", "que j'organise un appel avec un vendeur", "einen Rückruf von einem Verkäufer",
	"organice una llamada con un vendedor", "ordnar ett samtal med en säljare"}

func offeredSales(lastBot string) bool {
	for _, m := range salesMarkers {
		if strings.Contains(lastBot, m) {
			return true
		}
	}
	return false
}

var ecommerceDomain = register(&domainSpec{
	id:    "ecommerce",
	brand: "Meridian Motors",
	kind:  tx("car dealer", "concession automobile", "Autohaus", "concesionario", "bilhandlare"),
	words: rx(`\b(?:meridian|cars?|vehicles?|test drive|dealer\w*|tahoe|suv|trade-in|warranty|mileage|km|accessor(?:y|ies)|roof box|dachbox|takbox|coffre de toit|tapis de sol|tyres|floor mats|online shop|orders?` +
		`|voiture|vehicule|essai|concession|garantie|pneus|accessoires|commande` +
		`|auto|wagen|fahrzeug|probefahrt|autohaus|reifen|zubehor|bestellung` +
		`|coche|vehiculo|prueba|concesionario|garantia|neumaticos|accesorios|pedido` +
		`|bil|bilen|provkorning|bilhandlare|garanti|dack|tillbehor|bestallning)\b`),
	brandRe:    rx(`meridian`),
	phone:      tx("Meridian Motors on +49 89 555 0168 (Monday to Saturday, 9:00 to 18:00)", "Meridian Motors au +49 89 555 0168 (du lundi au samedi, de 9:00 à 18:00)", "Meridian Motors unter +49 89 555 0168 (Montag bis Samstag, 9:00 bis 18:00 Uhr)", "Meridian Motors en el +49 89 555 0168 (de lunes a sábado, de 9:00 a 18:00)", "Meridian Motors på +49 89 555 0168 (måndag till lördag, 9:00 till 18:00)"),
	phoneShort: "+49 89 555 0168",
	notCovered: rx(`\b(?:insurance|registration|road tax|service prices?|servicing costs?|assurance|carte grise|versicherung|zulassung|kfz-steuer|seguro|matriculacion|forsakring|registrering|fordonsskatt|bilskatt)\b`),
	intents: []intentRule{
		{tradeIn, rx(`trade[- ]?in|part[- ]exchange|value (?:of )?my (?:old )?car|what's my car worth|reprise|inzahlungnahme|in zahlung|tasacion|entregar mi coche|parte (?:del|de) pago|\binbyte|byta in`)},
		{carFinance, rx(`financ|monthly payment|\bapr\b|leasing|mensualite|finanzier|monatsrate|cuota mensual|finansier|manadskostnad|billan`)},
		{testDrive, rx(`test[- ]?drive|probefahrt|essai|prueba de conduccion|probar el coche|provkor`)},
		{reservation, rx(`reserv|hold (?:the|this|that) car|deposit|acompte|anzahlung|\bsenal\b|deposito|handpenning`)},
		{carReturn, rx(`(?:return|give back|send back)[^.?!]{0,20}(?:the |my )?car|(?:bought|ordered) (?:a|the|my) car online|car[^.?!]{0,40}(?:bought|ordered) online|rendre la voiture|auto zuruckgeben|wagen zuruckgeben|devolver el coche|lamna tillbaka bilen|angra bilkopet`)},
		{carPrice, rx(`\bdeal\b|negotiat|best price|\$ ?\d|\d+ ?(?:dollars?|usd)\b|\bbudget|(?:price|cost|how much)[^.?!]{0,30}(?:car|tahoe|suv|model|vehicle)|(?:car|tahoe|suv)[^.?!]{0,30}(?:price|cost|cheaper|for less)|negocier|prix (?:de la|du) (?:voiture|vehicule)|verhandeln|preis[^.?!]{0,30}(?:auto|wagen|suv)|negociar|precio del coche|forhandla|pruta|pris\w* pa bilen|sanka priset`)},
		{orderChange, rx(`(?:change|cancel|modify|amend)[^.?!]{0,15}(?:my |the )?order|(?:modifier|annuler) (?:ma |la )?commande|bestellung (?:andern|stornieren)|(?:cambiar|cancelar|modificar) (?:mi |el )?pedido|(?:andra|avbryta|avboka) (?:min )?bestallning`)},
		{shopReturn, rx(`\breturn|send (?:it |them )?back|retour|renvoyer|zurucksend|rucksendung|zuruckschicken|devolver|devolucion|returnera|skicka tillbaka`)},
		{orderStatus, rx(`where(?:'s| is) my order|order status|(?:hasn't|has not|haven't|not) (?:arrived|come|received)|still waiting|ou en est ma commande|pas (?:encore )?(?:arrive|recu)|wo (?:ist|bleibt) meine bestellung|noch nicht (?:da|angekommen)|donde esta mi pedido|no (?:me )?ha llegado|var ar min bestallning|har inte kommit`)},
		{shopDeliver, rx(`delivery|shipping|postage|livraison|frais de port|lieferung|versand|envio|gastos de envio|leverans|frakt`)},
		{warranty, rx(`warranty|guarantee|garantie|gewahrleistung|garantia|garanti`)},
		{carFault, rx(`warning light|engine light|strange noise|noise|rattl|voyant|bruit|warnleuchte|gerausch|testigo|ruido|varningslampa|konstigt ljud|\bljud\b`)},
	},
	handlers: map[intent]func(*solving){
		carPrice:    answerCarPrice,
		testDrive:   static(testDriveAnswer),
		reservation: static(reservationAnswer),
		carReturn:   static(carReturnAnswer),
		orderChange: static(orderChangeAnswer),
		orderStatus: static(orderStatusAnswer),
		shopReturn:  static(shopReturnAnswer),
		shopDeliver: static(shopDeliveryAnswer),
		warranty:    static(warrantyAnswer),
		carFault:    static(carFaultAnswer),
		carFinance:  static(carFinanceAnswer),
		tradeIn:     static(tradeInAnswer),
		discount:    static(salesOffer),
	},
	dispute:         rx(`(?:car|vehicle|voiture|auto|wagen|coche|bil|bilen)\b[^.?!]{0,80}(?:faulty|broke down|breaks down|broken down|keeps breaking|defect|lemon|reject|money back|en panne|defectueu|defekt|kaputt|liegen geblieben|averiad|defectuos|trasig|gick sonder)|(?:reject|give back|return) (?:the|my) car because`),
	bereavedHandoff: true,
	bereavementLead: tx("A colleague will look at the order with you, and nothing has to be decided today.",
		"Un conseiller examinera la commande avec vous, et rien ne doit être décidé aujourd'hui.",
		"Ein Mitarbeiter sieht sich die Bestellung mit Ihnen an, und heute muss nichts entschieden werden.",
		"Un compañero revisará el pedido con usted, y no hace falta decidir nada hoy.",
		"En kollega går igenom beställningen med dig, och inget behöver bestämmas i dag."),
	disputeLead: tx("A car with a fault you want to reject or complain about is for our Customer Relations team to look at with you.",
		"Une voiture défectueuse que vous voulez rendre ou pour laquelle vous faites une réclamation doit être examinée avec vous par notre service Relations clients.",
		"Ein Auto mit einem Mangel, das Sie zurückgeben oder beanstanden möchten, muss sich unser Kundenbetreuungsteam mit Ihnen ansehen.",
		"Un coche con una avería que quiere devolver o reclamar lo tiene que revisar con usted nuestro equipo de Atención al Cliente.",
		"En bil med ett fel som du vill lämna tillbaka eller reklamera behöver vårt kundrelationsteam gå igenom med dig."),
	specialists: map[reason]text{
		disputed:  tx("a Customer Relations specialist", "un conseiller du service Relations clients", "einem Mitarbeiter unseres Kundenbetreuungsteams", "un agente de nuestro equipo de Atención al Cliente", "en handläggare i vårt kundrelationsteam"),
		salesCall: tx("a member of our sales staff", "un conseiller commercial", "einem Mitarbeiter aus dem Verkauf", "un asesor de ventas", "en kollega på säljavdelningen"),
	},
	fraudAfter: tx("Meridian Motors never asks for payment by gift card or to a private account; in the meantime, please change your Meridian account password and never share one-time codes.",
		"Meridian Motors ne demande jamais de paiement par carte cadeau ni sur un compte privé ; en attendant, changez le mot de passe de votre compte Meridian et ne communiquez jamais de code à usage unique.",
		"Meridian Motors verlangt nie eine Zahlung per Geschenkkarte oder auf ein Privatkonto; ändern Sie bitte in der Zwischenzeit Ihr Meridian-Passwort und geben Sie Einmalcodes niemals weiter.",
		"Meridian Motors nunca pide pagos con tarjetas regalo ni a una cuenta particular; mientras tanto, cambie la contraseña de su cuenta de Meridian y no comparta nunca códigos de un solo uso.",
		"Meridian Motors ber aldrig om betalning med presentkort eller till ett privat konto; byt under tiden lösenordet till ditt Meridian-konto och dela aldrig engångskoder."),
})

func init() {
	selfPushover[carPrice] = true
}

func answerCarPrice(s *solving) {
	if s.b.Has(Pushover) {
		price := "the price you named"
		if m := priceAsked.FindString(s.t.text); m != "" {
			price = m
		} else if s.inherited {
			for i := len(s.t.earlierRaw) - 1; i >= 0; i-- {
				if m := priceAsked.FindString(s.t.earlierRaw[i]); m != "" {
					price = m
					break
				}
			}
		}
		s.say(pushoverPrice.sprintf(price))
		return
	}
	s.say(carPriceAnswer)
	s.say(salesOffer)
}

var (
	carPriceAnswer = tx("Car prices are the ones shown on meridian.example and on the car's price sheet. I can't agree a different price, a discount or a deal in chat, and nothing I write here is an offer: only a sales manager can agree a price, in a signed order.",
		"Les prix des voitures sont ceux affichés sur meridian.example et sur la fiche de prix du véhicule. Je ne peux pas convenir d'un autre prix, d'une remise ni d'un accord dans le chat, et rien de ce que j'écris ici n'est une offre : seul un responsable des ventes peut accepter un prix, dans un bon de commande signé.",
		"Die Autopreise sind die auf meridian.example und auf dem Preisblatt des Fahrzeugs. Einen anderen Preis, einen Rabatt oder einen Deal kann ich im Chat nicht vereinbaren, und nichts, was ich hier schreibe, ist ein Angebot: Nur ein Verkaufsleiter kann einen Preis zusagen, in einer unterschriebenen Bestellung.",
		"Los precios de los coches son los que aparecen en meridian.example y en la hoja de precios del vehículo. No puedo acordar otro precio, un descuento ni un trato por chat, y nada de lo que escribo aquí es una oferta: solo un jefe de ventas puede aceptar un precio, en un pedido firmado.",
		"Bilpriserna är de som visas på meridian.example och på bilens prisblad. Jag kan inte komma överens om ett annat pris, en rabatt eller en affär i chatten, och inget jag skriver här är ett erbjudande: bara en försäljningschef kan godkänna ett pris, i en undertecknad order.")
	salesOffer = tx("A salesperson can talk the price through with you; would you like me to arrange a call with a salesperson?",
		"Un vendeur peut en discuter avec vous : souhaitez-vous que j'organise un appel avec un vendeur ?",
		"Ein Verkäufer kann den Preis mit Ihnen besprechen; möchten Sie einen Rückruf von einem Verkäufer?",
		"Un vendedor puede hablar del precio con usted; ¿quiere que le organice una llamada con un vendedor?",
		"En säljare kan prata igenom priset med dig; vill du att jag ordnar ett samtal med en säljare?")
	testDriveAnswer = tx("You can book a test drive at meridian.example/test-drive. A test drive lasts 30 minutes, and you'll need to bring a valid driving licence.",
		"Vous pouvez réserver un essai sur meridian.example/test-drive. Un essai dure 30 minutes, et il faut apporter un permis de conduire valide.",
		"Eine Probefahrt buchen Sie unter meridian.example/test-drive. Sie dauert 30 Minuten, und Sie brauchen einen gültigen Führerschein.",
		"Puede reservar una prueba de conducción en meridian.example/test-drive. Dura 30 minutos y tiene que traer un permiso de conducir válido.",
		"Du bokar en provkörning på meridian.example/test-drive. Den tar 30 minuter, och du behöver ta med ett giltigt körkort.")
	reservationAnswer = tx("You can reserve a car for 7 days with a €500 deposit on its page at meridian.example. The deposit is refunded in full if you decide not to buy.",
		"Vous pouvez réserver une voiture pendant 7 jours avec un acompte de 500 € sur sa page sur meridian.example. L'acompte est intégralement remboursé si vous décidez de ne pas l'acheter.",
		"Sie können ein Auto mit einer Anzahlung von 500 € auf seiner Seite auf meridian.example für 7 Tage reservieren. Die Anzahlung wird voll erstattet, wenn Sie sich gegen den Kauf entscheiden.",
		"Puede reservar un coche durante 7 días con una señal de 500 € en su página de meridian.example. La señal se devuelve íntegra si decide no comprarlo.",
		"Du kan reservera en bil i 7 dagar med en handpenning på 500 € på bilens sida på meridian.example. Handpenningen betalas tillbaka i sin helhet om du bestämmer dig för att inte köpa.")
	carReturnAnswer = tx("A car bought entirely online can be returned within 14 days of delivery, as long as it has been driven no more than 500 km. Start the return in My orders at meridian.example/orders; the money is paid back within 14 days of the car coming back to us.",
		"Une voiture achetée entièrement en ligne peut être rendue dans les 14 jours suivant la livraison, si elle n'a pas roulé plus de 500 km. Lancez le retour dans Mes commandes sur meridian.example/orders ; l'argent est remboursé sous 14 jours après le retour de la voiture chez nous.",
		"Ein komplett online gekauftes Auto können Sie innerhalb von 14 Tagen nach der Lieferung zurückgeben, wenn es nicht mehr als 500 km gefahren wurde. Starten Sie die Rückgabe unter Meine Bestellungen auf meridian.example/orders; das Geld wird innerhalb von 14 Tagen nach Rückgabe des Autos zurückgezahlt.",
		"Un coche comprado totalmente en línea se puede devolver en un plazo de 14 días desde la entrega, si no ha recorrido más de 500 km. Inicie la devolución en Mis pedidos en meridian.example/orders; el dinero se devuelve en un plazo de 14 días desde que el coche vuelve a nosotros.",
		"En bil som är köpt helt på nätet kan lämnas tillbaka inom 14 dagar från leveransen, om den inte har körts mer än 500 km. Starta returen under Mina beställningar på meridian.example/orders; pengarna betalas tillbaka inom 14 dagar från att bilen har kommit tillbaka till oss.")
	orderChangeAnswer = tx("You can change or cancel an order yourself in My orders at meridian.example/orders as long as its status is Preparing. Once it has been dispatched it can't be changed, but you can return it when it arrives.",
		"Vous pouvez modifier ou annuler une commande vous-même dans Mes commandes sur meridian.example/orders tant que son statut est En préparation. Une fois expédiée, elle ne peut plus être modifiée, mais vous pourrez la retourner à réception.",
		"Sie können eine Bestellung selbst unter Meine Bestellungen auf meridian.example/orders ändern oder stornieren, solange ihr Status In Vorbereitung ist. Nach dem Versand lässt sie sich nicht mehr ändern, aber Sie können sie nach Erhalt zurückschicken.",
		"Puede cambiar o cancelar un pedido usted mismo en Mis pedidos en meridian.example/orders mientras su estado sea En preparación. Una vez enviado ya no se puede cambiar, pero puede devolverlo cuando llegue.",
		"Du kan ändra eller avbryta en beställning själv under Mina beställningar på meridian.example/orders så länge statusen är Förbereds. När den har skickats går den inte att ändra, men du kan returnera den när den kommer.")
	orderStatusAnswer = tx("Online shop orders arrive within 3–5 business days of dispatch. You can see where yours is in My orders at meridian.example/orders with the order number from your confirmation email, which also has the carrier's tracking link.",
		"Les commandes de la boutique en ligne arrivent en 3 à 5 jours ouvrés après l'expédition. Vous pouvez suivre la vôtre dans Mes commandes sur meridian.example/orders avec le numéro de commande de votre e-mail de confirmation, qui contient aussi le lien de suivi du transporteur.",
		"Bestellungen aus dem Online-Shop kommen innerhalb von 3 bis 5 Werktagen nach dem Versand an. Wo Ihre ist, sehen Sie unter Meine Bestellungen auf meridian.example/orders mit der Bestellnummer aus Ihrer Bestätigungs-E-Mail, in der auch der Sendungslink des Versanddienstes steht.",
		"Los pedidos de la tienda en línea llegan en un plazo de 3 a 5 días hábiles desde el envío. Puede ver dónde está el suyo en Mis pedidos en meridian.example/orders con el número de pedido de su correo de confirmación, que también incluye el enlace de seguimiento del transportista.",
		"Beställningar från webbutiken kommer fram inom 3–5 arbetsdagar efter att de har skickats. Du ser var din är under Mina beställningar på meridian.example/orders med ordernumret i ditt bekräftelsemejl, där även transportörens spårningslänk finns.")
	shopReturnAnswer = tx("Items from the online shop can be returned within 30 days of delivery, unused and in their original packaging, with the free return label from My orders at meridian.example/orders. A damaged or faulty item can be returned the same way. The refund is paid within 14 days of us receiving the return.",
		"Les articles de la boutique en ligne peuvent être retournés dans les 30 jours suivant la livraison, non utilisés et dans leur emballage d'origine, avec l'étiquette de retour gratuite disponible dans Mes commandes sur meridian.example/orders. Un article endommagé ou défectueux se retourne de la même façon. Le remboursement est versé sous 14 jours après réception du retour.",
		"Artikel aus dem Online-Shop können Sie innerhalb von 30 Tagen nach der Lieferung unbenutzt und in der Originalverpackung zurückschicken, mit dem kostenlosen Rücksendeetikett unter Meine Bestellungen auf meridian.example/orders. Ein beschädigter oder defekter Artikel geht auf demselben Weg zurück. Die Erstattung erfolgt innerhalb von 14 Tagen nach Eingang der Rücksendung.",
		"Los artículos de la tienda en línea se pueden devolver en un plazo de 30 días desde la entrega, sin usar y en su embalaje original, con la etiqueta de devolución gratuita de Mis pedidos en meridian.example/orders. Un artículo dañado o defectuoso se devuelve de la misma manera. El reembolso se hace en un plazo de 14 días desde que recibimos la devolución.",
		"Varor från webbutiken kan returneras inom 30 dagar från leveransen, oanvända och i originalförpackningen, med den kostnadsfria returetiketten under Mina beställningar på meridian.example/orders. En skadad eller trasig vara returneras på samma sätt. Återbetalningen görs inom 14 dagar från att vi har tagit emot returen.")
	shopDeliveryAnswer = tx("Online shop orders are delivered within 3–5 business days. Delivery is free on orders over €50, and otherwise costs €4.95.",
		"Les commandes de la boutique en ligne sont livrées en 3 à 5 jours ouvrés. La livraison est gratuite dès 50 € d'achat, sinon elle coûte 4,95 €.",
		"Bestellungen aus dem Online-Shop werden innerhalb von 3 bis 5 Werktagen geliefert. Ab 50 € Bestellwert ist die Lieferung kostenlos, sonst kostet sie 4,95 €.",
		"Los pedidos de la tienda en línea se entregan en un plazo de 3 a 5 días hábiles. El envío es gratis en pedidos de más de 50 €; si no, cuesta 4,95 €.",
		"Beställningar från webbutiken levereras inom 3–5 arbetsdagar. Frakten är gratis för beställningar över 50 €, annars kostar den 4,95 €.")
	warrantyAnswer = tx("New cars come with a warranty of 3 years or 100,000 km, whichever comes first, and used cars from Meridian Motors with 12 months. Whether a particular repair is covered is decided by our service workshop after a check, which you can book at meridian.example/service.",
		"Les voitures neuves ont une garantie de 3 ans ou 100 000 km, au premier terme atteint, et les voitures d'occasion Meridian Motors de 12 mois. C'est notre atelier qui décide, après contrôle, si une réparation est couverte ; vous pouvez réserver ce contrôle sur meridian.example/service.",
		"Neuwagen haben eine Garantie von 3 Jahren oder 100.000 km, je nachdem, was zuerst eintritt, Gebrauchtwagen von Meridian Motors 12 Monate. Ob eine bestimmte Reparatur abgedeckt ist, entscheidet unsere Werkstatt nach einer Prüfung, die Sie unter meridian.example/service buchen können.",
		"Los coches nuevos tienen una garantía de 3 años o 100.000 km, lo que ocurra primero, y los coches de ocasión de Meridian Motors de 12 meses. Si una reparación concreta está cubierta lo decide nuestro taller después de una revisión, que puede reservar en meridian.example/service.",
		"Nya bilar har en garanti på 3 år eller 100 000 km, det som kommer först, och begagnade bilar från Meridian Motors 12 månader. Om en viss reparation täcks avgör vår verkstad efter en kontroll, som du bokar på meridian.example/service.")
	carFaultAnswer = tx("I can't tell from here what's wrong or whether it's covered, so please book a check with our service workshop at meridian.example/service. If a red warning light is on, stop as soon as it's safe and don't keep driving.",
		"Je ne peux pas savoir d'ici ce qui ne va pas ni si c'est couvert : réservez un contrôle auprès de notre atelier sur meridian.example/service. Si un voyant rouge est allumé, arrêtez-vous dès que possible en sécurité et ne continuez pas à rouler.",
		"Von hier aus kann ich nicht sagen, was los ist oder ob es abgedeckt ist, bitte buchen Sie deshalb eine Prüfung in unserer Werkstatt unter meridian.example/service. Wenn eine rote Warnleuchte brennt, halten Sie an, sobald es sicher ist, und fahren Sie nicht weiter.",
		"Desde aquí no puedo saber qué le pasa ni si está cubierto, así que reserve una revisión en nuestro taller en meridian.example/service. Si hay un testigo rojo encendido, pare en cuanto sea seguro y no siga conduciendo.",
		"Härifrån kan jag inte avgöra vad som är fel eller om det täcks, så boka en kontroll hos vår verkstad på meridian.example/service. Om en röd varningslampa lyser, stanna så snart det är säkert och kör inte vidare.")
	carFinanceAnswer = tx("Meridian Finance is available over 12 to 60 months at a representative 7.9% APR, subject to a credit check. I can't work out a monthly payment for you here: our finance team gives you a personal quote with the total cost before you sign anything.",
		"Meridian Finance est proposé sur 12 à 60 mois, au TAEG représentatif de 7,9 %, sous réserve d'une étude de crédit. Je ne peux pas calculer de mensualité ici : notre équipe financement vous fait un devis personnel avec le coût total avant toute signature.",
		"Meridian Finance gibt es mit Laufzeiten von 12 bis 60 Monaten zu einem repräsentativen effektiven Jahreszins von 7,9 %, nach einer Bonitätsprüfung. Eine Monatsrate kann ich Ihnen hier nicht ausrechnen: Unser Finanzierungsteam macht Ihnen ein persönliches Angebot mit den Gesamtkosten, bevor Sie etwas unterschreiben.",
		"Meridian Finance está disponible a plazos de 12 a 60 meses con una TAE representativa del 7,9 %, sujeta a un estudio de crédito. No puedo calcularle aquí una cuota mensual: nuestro equipo de financiación le da un presupuesto personal con el coste total antes de que firme nada.",
		"Meridian Finance finns på 12 till 60 månader med en representativ effektiv ränta på 7,9 %, efter en kreditprövning. Jag kan inte räkna ut en månadskostnad här: vårt finansteam ger dig ett personligt förslag med den totala kostnaden innan du skriver under något.")
	tradeInAnswer = tx("I'm not able to value your car here: trade-ins are valued only after an inspection at the dealership, which you can book at meridian.example/trade-in. The value is confirmed in writing after that inspection.",
		"Je ne peux pas estimer votre voiture ici : les reprises ne sont évaluées qu'après une inspection en concession, que vous pouvez réserver sur meridian.example/trade-in. La valeur est confirmée par écrit après cette inspection.",
		"Ihr Auto kann ich hier nicht bewerten: Inzahlungnahmen werden erst nach einer Begutachtung im Autohaus bewertet, die Sie unter meridian.example/trade-in buchen können. Der Wert wird nach dieser Begutachtung schriftlich bestätigt.",
		"No puedo tasar su coche aquí: los coches que se entregan como parte del pago solo se tasan después de una inspección en el concesionario, que puede reservar en meridian.example/trade-in. El valor se confirma por escrito después de esa inspección.",
		"Jag kan inte värdera din bil här: inbytesbilar värderas först efter en besiktning hos återförsäljaren, som du bokar på meridian.example/trade-in. Värdet bekräftas skriftligt efter besiktningen.")
)
