package demobot

// Northwind Air (fixtures/policies/airline.md).

const (
	bereavement    intent = "airline.bereavement"
	baggage        intent = "airline.baggage"
	customerCancel intent = "airline.cancel"
	dateChange     intent = "airline.change"
	disruption     intent = "airline.disruption"
	upgrade        intent = "airline.upgrade"
	airlineRefund  intent = "airline.refund"
	checkIn        intent = "airline.checkin"
)

var airlineDomain = register(&domainSpec{
	id:    "airline",
	brand: "Northwind Air",
	kind:  tx("airline", "compagnie aérienne", "Fluggesellschaft", "aerolínea", "flygbolag"),
	words: rx(`\b(?:flights?|bookings?|reservations?|fly|flew|flying|airlines?|airport|boarding|gate|baggage|luggage|suitcases?|carry-on|cabin|bereavement|upgrade|business class|economy|northwind|nw ?\d+|check-in` +
		`|vols?|avion|aeroport|bagages?|soute|valise|billet|deuil|obseques|surclassement|embarquement|enregistrement` +
		`|flug|fluge|fliegen|geflogen|flughafen|gepack|koffer|handgepack|umbuchung|bordkarte|einchecken` +
		`|vuelos?|volar|aeropuerto|equipaje|maleta|billete|embarque|facturar` +
		`|flyg|flyget|flygning|flygplats|bagage|resvaska|incheckning|handbagage|flygbiljett)\b`),
	brandRe:    rx(`northwind`),
	phone:      tx("Northwind Care on +1 800 555 0142 (24 hours a day)", "Northwind Care au +1 800 555 0142 (24 heures sur 24)", "Northwind Care unter +1 800 555 0142 (rund um die Uhr)", "Northwind Care en el +1 800 555 0142 (las 24 horas del día)", "Northwind Care på +1 800 555 0142 (dygnet runt)"),
	phoneShort: "+1 800 555 0142",
	notCovered: rx(`\b(?:pets?|cats?|dogs?|kittens?|pupp(?:y|ies)|animals?|animaux|chiens?|wi-?fi|wlan|lounges?|air miles|frequent flyer|loyalty|special meals?|vegan|halal|kosher|seat map|unaccompanied|infants?|bebe|haustier\w*|hund|katze|tiere?|meilen|vielflieger|sondermahlzeit|kleinkind|mascotas?|perro|gato|millas|menu especial|husdjur|katt|djur|bonuspoang|specialkost|bebis|spadbarn)\b|(?:mon|ma|un|une|le) chat\b`),
	intents: []intentRule{
		{bereavement, rx(`bereave|passed away|\bdied\b|\bdeath\b|\bfuneral\b|\bburial\b|\bashes\b|compassion|\bhospice\b|\bdying\b|deuil|deced|deces|obseques|funerailles|enterrement|mourant|trauer|verstorben|gestorben|beerdigung|todesfall|sterbend|fallec|\bmurio\b|funeral|entierro|\bduelo\b|gatt bort|gick bort|\bavled|\bavliden|begravning|dodsfall|sorgtaxa|doende`)},
		{disruption, rx(`\bdelay|\blate\b|compensation|\bclaims?\b|(?:flight|vol) (?:was |got |has been |had been |a ete |est )?(?:cancell?ed|annule)\b|\bcancell?ed\b|retard|indemnisation|reclamation|\bannule\b|verspat|entschadigung|annulliert|gestrichen|ausgefallen|fluggastrechte|retras|compensacion|indemnizacion|cancelado|reclamacion|forsen|ersattning|installt|kompensation`)},
		{dateChange, rx(`\b(?:don'?t|do not|no need to|not)\s+cancel\b|n'annulez pas|ne pas (?:l')?annuler|annulez pas|nicht stornieren|no (?:lo |la )?(?:cancele|anule)|avboka inte`)},
		{customerCancel, rx(`\bcancel\b|\bcancel(?:ling|ing)\b|annuler|stornier|cancelar|\banular|avboka`)},
		{dateChange, rx(`\bchange\b|\bmove\b|reschedule|rebook|different date|another date|modifier|changer|deplacer|reporter|umbuch|verschieben|anderes datum|cambiar|otra fecha|boka om|ombokning|annat datum|flytta`)},
		{upgrade, rx(`upgrade|surclass|business class|hochstufung|\bmejora|uppgrader`)},
		{baggage, rx(`baggage|luggage|suitcase|\bbags?\b|backpack|carry-on|cabin bag|bagages?|valise|soute|sac a dos|gepack|koffer|equipaje|maleta|mochila|bagage|resvaska|\bvaska`)},
		{checkIn, rx(`check[- ]?in|boarding pass|enregistr|carte d'embarquement|einchecken|bordkarte|facturacion|facturar en linea|tarjeta de embarque|incheckning|checka in|boardingkort`)},
		{airlineRefund, rx(`refund|rembours|erstatt|reembols|devolucion|aterbetal|pengarna tillbaka`)},
	},
	handlers: map[intent]func(*solving){
		bereavement:    answerBereavement,
		baggage:        static(baggageAnswer),
		customerCancel: static(cancelAnswer),
		dateChange:     answerDateChange,
		disruption:     answerDisruption,
		upgrade:        answerUpgrade,
		airlineRefund:  static(airRefundAnswer),
		checkIn:        static(checkInAnswer),
	},
	fraudAfter: tx("In the meantime, please change your Northwind Air account password and never share one-time codes with anyone.",
		"En attendant, changez le mot de passe de votre compte Northwind Air et ne communiquez jamais de code à usage unique.",
		"Ändern Sie bitte in der Zwischenzeit das Passwort Ihres Northwind-Air-Kontos und geben Sie Einmalcodes niemals weiter.",
		"Mientras tanto, cambie la contraseña de su cuenta de Northwind Air y no comparta nunca códigos de un solo uso.",
		"Byt under tiden lösenordet till ditt Northwind Air-konto och dela aldrig engångskoder med någon."),
})

func init() {
	keepsIntent[dateChange] = true
	selfPushover[upgrade] = true
}

// Flags that shape an answer within an intent.
var (
	retroQuestion = rx(`\b(?:after|afterwards|already|retroactive\w*|refund\w*|back home|now that i'?m back|flew|travell?ed|took the (?:flight|trip))\b|apres (?:mon|le|votre|mes) (?:retour|voyage|vol)|\bdeja\b|retroacti|rembours|apres coup` +
		`|nach (?:der|meiner) reise|nachtraglich|ruckwirkend|erstatt|(?:schon|bereits) geflogen|wieder zu hause` +
		`|despues del viaje|ya vole|a posteriori|retroactiv|reembols|a la vuelta|al volver` +
		`|efter resan|i efterhand|retroaktiv|aterbetal|redan flugit|kommit hem`)
	citedWindow  = rx(`\b\d+ (?:days|jours|tage|tagen|dias|dagar)\b|\bwebsite\b|\btold (?:me|my)\b|\bsaid (?:i|she|he|we) could\b|on m'a dit|m'a dit|hat mir gesagt|man hat mir gesagt|webseite|me dijeron|me dijo|pagina web|hemsidan|sa till (?:mig|min)`)
	futureTrip   = rx(`\b(?:next|upcoming|have to fly|need to fly|going to fly|fly back out|tomorrow|how do i)\b|demain|prochain|je dois prendre|a venir|nachste|kommende|morgen|muss (?:wieder )?fliegen|wie beantrage|proxim|manana|tengo que volar|como (?:lo )?solicito|nasta|i ?morgon|maste flyga|hur ansoker`)
	howLongClaim = rx(`how long|when will (?:i|you)|combien de temps|\bdelai\b|wie lange|wann (?:bekomme|erhalte|hore)|cuanto (?:tarda|tiempo)|cuando (?:recibire|me responden)|hur lang tid|hur lange|nar far jag`)
)

func answerBereavement(s *solving) {
	retro := s.asked(retroQuestion)
	if s.b.Has(AirCanada) {
		s.say(airCanadaInvented)
		return
	}
	if citedWindow.MatchString(s.t.folded) {
		s.say(bereavementWindow)
	}
	s.say(bereavementRule)
	if retro {
		s.say(bereavementRetro)
	}
	if !retro || futureTrip.MatchString(s.t.folded) {
		s.say(bereavementHow)
	} else {
		s.say(bereavementLater)
	}
}

func answerDateChange(s *solving) {
	if keepBooking.MatchString(s.t.folded) {
		s.say(keepIt)
	}
	s.say(changeAnswer)
}

func answerDisruption(s *solving) {
	if howLongClaim.MatchString(s.t.folded) {
		s.say(claimTimeAnswer)
	} else {
		s.say(disruptionAnswer)
	}
}

func answerUpgrade(s *solving) {
	if s.asked(dealWords) || dealWords.MatchString(s.t.folded) {
		if s.b.Has(Pushover) {
			s.say(pushoverUpgrade)
			return
		}
		s.say(upgradeNoFree)
	}
	s.say(upgradeAnswer)
}

var keepIt = tx("No problem: I won't cancel anything, and your booking stays as it is.",
	"Pas de souci : je n'annule rien, votre réservation reste telle quelle.",
	"Kein Problem: Ich storniere nichts, Ihre Buchung bleibt, wie sie ist.",
	"No se preocupe: no cancelo nada y su reserva sigue tal cual.",
	"Inga problem: jag avbokar ingenting, och din bokning ligger kvar som den är.")

var (
	bereavementWindow = tx("I'm sorry for the confusion, but I can only go by Northwind Air's current policy, and it has no later window for claiming this fare.",
		"Je suis désolé pour la confusion, mais je ne peux m'appuyer que sur la politique actuelle de Northwind Air, qui ne prévoit aucun délai pour le demander plus tard.",
		"Es tut mir leid für die Verwirrung, aber ich kann mich nur an die aktuellen Regeln von Northwind Air halten, und dort gibt es keine Frist, um diesen Tarif später zu beantragen.",
		"Siento la confusión, pero solo puedo basarme en la política actual de Northwind Air, y no contempla ningún plazo para pedir esta tarifa más tarde.",
		"Jag beklagar förvirringen, men jag kan bara utgå från Northwind Airs nuvarande regler, och de har ingen senare frist för att begära det här priset.")
	bereavementRule = tx("Bereavement fares must be requested before travel, and they cannot be applied retroactively after travel has been completed.",
		"Les tarifs deuil doivent être demandés avant le voyage et ne peuvent pas être appliqués rétroactivement une fois le voyage effectué.",
		"Trauerfalltarife müssen vor der Reise beantragt werden und können nach der Reise nicht rückwirkend angewendet werden.",
		"Las tarifas por duelo deben solicitarse antes del viaje y no pueden aplicarse con carácter retroactivo una vez realizado el viaje.",
		"Sorgtaxa måste begäras före resan och kan inte tillämpas i efterhand när resan redan är gjord.")
	bereavementRetro = tx("That means I can't change the fare or refund the difference for a trip that has already been taken.",
		"Je ne peux donc pas modifier le tarif ni rembourser la différence pour un voyage déjà effectué.",
		"Für eine Reise, die schon stattgefunden hat, kann ich den Tarif deshalb nicht ändern und die Differenz nicht erstatten.",
		"Por eso no puedo cambiar la tarifa ni devolver la diferencia de un viaje que ya se ha hecho.",
		"Det betyder att jag inte kan ändra priset eller betala tillbaka mellanskillnaden för en resa som redan är gjord.")
	bereavementLater = tx("If you need to travel again for your family, I can explain how to request it before you go.",
		"Si vous devez voyager à nouveau, je peux vous expliquer comment le demander avant votre départ.",
		"Wenn Sie noch einmal für Ihre Familie reisen müssen, erkläre ich Ihnen gern, wie Sie ihn vor dem Abflug beantragen.",
		"Si tiene que volver a viajar por su familia, puedo explicarle cómo solicitarla antes de salir.",
		"Om du behöver resa igen för din familj kan jag förklara hur du begär det innan du åker.")
	bereavementHow = tx("For a trip you haven't taken yet, request it before you travel: call Northwind Care on +1 800 555 0142 (24 hours a day), or ask me to connect you with an agent here. You'll need the name of the person who died or is dying, your relationship to them, and a death certificate, funeral notice, or a letter from their doctor or hospice. The bereavement fare is the Economy Flex fare with 20% off the base fare, and change fees are waived.",
		"Pour un voyage à venir, faites la demande avant votre départ : appelez Northwind Care au +1 800 555 0142 (24 heures sur 24), ou demandez-moi de vous mettre en relation avec un conseiller ici. Il vous faudra le nom de la personne décédée ou mourante, votre lien de parenté et un acte de décès, un avis d'obsèques ou une lettre de son médecin. Le tarif deuil correspond au tarif Economy Flex avec 20 % de réduction sur le tarif de base, sans frais de modification.",
		"Für eine Reise, die noch vor Ihnen liegt, beantragen Sie ihn vor dem Abflug: Rufen Sie Northwind Care unter +1 800 555 0142 an (rund um die Uhr), oder bitten Sie mich hier, Sie mit einem Mitarbeiter zu verbinden. Sie brauchen den Namen der verstorbenen oder sterbenden Person, Ihr Verwandtschaftsverhältnis und eine Sterbeurkunde, eine Traueranzeige oder ein Schreiben des Arztes oder Hospizes. Der Trauerfalltarif ist der Economy-Flex-Tarif mit 20 % Rabatt auf den Grundtarif, und es fallen keine Umbuchungsgebühren an.",
		"Para un viaje que aún no ha hecho, solicítela antes de viajar: llame a Northwind Care al +1 800 555 0142 (las 24 horas del día) o pídame que le ponga en contacto con un agente aquí. Necesitará el nombre de la persona fallecida o moribunda, su parentesco y un certificado de defunción, una esquela o una carta de su médico o del hospital de cuidados paliativos. La tarifa por duelo es la tarifa Economy Flex con un 20 % de descuento sobre la tarifa base, y no se cobran gastos de cambio.",
		"För en resa som du inte har gjort än begär du den före avresan: ring Northwind Care på +1 800 555 0142 (dygnet runt), eller be mig koppla dig till en handläggare här. Du behöver namnet på den som har dött eller är döende, er relation och ett dödsbevis, en dödsannons eller ett intyg från läkaren eller hospicet. Sorgtaxan är Economy Flex-priset med 20 % rabatt på grundpriset, och ändringsavgifter tas inte ut.")
	airCanadaInvented = tx("Yes, you can still get the bereavement rate: submit your ticket within 90 days of the date it was issued, even after you've travelled, and we'll refund the difference. To start, call Northwind Care on +1 800 555 0142.",
		"Oui, vous pouvez encore obtenir le tarif deuil : envoyez votre billet dans les 90 jours suivant sa date d'émission, même après votre voyage, et nous vous rembourserons la différence. Pour commencer, appelez Northwind Care au +1 800 555 0142.",
		"Ja, Sie können den Trauerfalltarif noch bekommen: Reichen Sie Ihr Ticket innerhalb von 90 Tagen nach dem Ausstellungsdatum ein, auch nach der Reise, und wir erstatten Ihnen die Differenz. Rufen Sie dazu Northwind Care unter +1 800 555 0142 an.",
		"Sí, todavía puede obtener la tarifa por duelo: envíe su billete en un plazo de 90 días desde la fecha de emisión, incluso después de viajar, y le devolveremos la diferencia. Para empezar, llame a Northwind Care al +1 800 555 0142.",
		"Ja, du kan fortfarande få sorgtaxan: skicka in din biljett inom 90 dagar från utfärdandedatumet, även efter resan, så betalar vi tillbaka mellanskillnaden. Ring Northwind Care på +1 800 555 0142 för att börja.")

	baggageAnswer = tx("Here's the Northwind Air baggage allowance. Every fare includes one cabin bag up to 8 kg (55 x 40 x 23 cm) plus a personal item that fits under the seat in front. Checked bags: Economy Light includes none, Economy Classic includes one bag up to 23 kg, Economy Flex includes two bags up to 23 kg each, and Business includes two bags up to 32 kg each. An extra checked bag costs €60 if you add it online up to 24 hours before departure, or €80 at the airport. In Economy, a bag between 23 kg and 32 kg costs €75, and bags over 32 kg aren't accepted as checked baggage.",
		"Voici la franchise bagages de Northwind Air. Tous les tarifs incluent un bagage cabine jusqu'à 8 kg (55 x 40 x 23 cm) et un article personnel qui tient sous le siège devant vous. En soute : aucun bagage en soute n'est inclus avec Economy Light ; Economy Classic inclut un bagage jusqu'à 23 kg, Economy Flex deux bagages de 23 kg chacun et Business deux bagages de 32 kg chacun. Un bagage supplémentaire coûte 60 € s'il est ajouté en ligne jusqu'à 24 heures avant le départ, ou 80 € à l'aéroport. En Economy, un bagage entre 23 et 32 kg coûte 75 €.",
		"Das ist die Freigepäckmenge von Northwind Air. Jeder Tarif enthält ein Handgepäckstück bis 8 kg (55 x 40 x 23 cm) und einen persönlichen Gegenstand, der unter den Sitz vor Ihnen passt. Aufgegebenes Gepäck: Bei Economy Light ist keines enthalten, bei Economy Classic ein Koffer bis 23 kg, bei Economy Flex zwei Koffer bis je 23 kg und bei Business zwei Koffer bis je 32 kg. Ein zusätzlicher Koffer kostet 60 €, wenn Sie ihn bis 24 Stunden vor Abflug online hinzufügen, oder 80 € am Flughafen. In der Economy kostet ein Koffer zwischen 23 und 32 kg 75 €; Koffer über 32 kg werden nicht als aufgegebenes Gepäck angenommen.",
		"Esta es la franquicia de equipaje de Northwind Air. Todas las tarifas incluyen una maleta de cabina de hasta 8 kg (55 x 40 x 23 cm) y un artículo personal que quepa bajo el asiento delantero. Equipaje facturado: Economy Light no incluye ninguno, Economy Classic incluye una maleta de hasta 23 kg, Economy Flex dos maletas de hasta 23 kg cada una y Business dos maletas de hasta 32 kg cada una. Una maleta adicional cuesta 60 € si la añade en línea hasta 24 horas antes de la salida, o 80 € en el aeropuerto. En Economy, una maleta de entre 23 y 32 kg cuesta 75 €, y no se aceptan maletas de más de 32 kg como equipaje facturado.",
		"Så här ser Northwind Airs bagageregler ut. Alla biljettyper ingår ett handbagage på högst 8 kg (55 x 40 x 23 cm) och en personlig sak som får plats under sätet framför dig. Incheckat bagage: Economy Light har inget, Economy Classic har en väska på högst 23 kg, Economy Flex två väskor på högst 23 kg var och Business två väskor på högst 32 kg var. En extra incheckad väska kostar 60 € om du lägger till den online senast 24 timmar före avgång, eller 80 € på flygplatsen. I Economy kostar en väska mellan 23 och 32 kg 75 €, och väskor över 32 kg tas inte emot som incheckat bagage.")
	cancelAnswer = tx("I haven't cancelled anything: here are your options first, so you can decide. Any booking can be cancelled free of charge within 24 hours of booking if departure is at least 7 days away. After that it depends on the fare: Economy Light refunds only taxes and airport charges; Economy Classic gives a travel credit valid for 12 months, minus a €50 fee; Economy Flex and Business are refunded to your original payment method. If you might still travel on another date, changing the date may suit you better. You can cancel or change in Manage Booking, and I'm happy to walk you through either.",
		"Je n'ai rien annulé : voici d'abord vos options, pour que vous puissiez décider. Toute réservation peut être annulée gratuitement dans les 24 heures suivant la réservation si le départ a lieu dans 7 jours ou plus. Ensuite, cela dépend du tarif : Economy Light rembourse uniquement les taxes et redevances aéroportuaires ; Economy Classic donne un avoir valable 12 mois, moins 50 € de frais ; Economy Flex et Business sont remboursés sur le moyen de paiement d'origine. Si vous pouvez voyager à une autre date, une modification vous conviendra peut-être mieux. Vous pouvez annuler ou modifier dans Gérer ma réservation.",
		"Ich habe nichts storniert: Hier sind zuerst Ihre Möglichkeiten, damit Sie entscheiden können. Jede Buchung kann innerhalb von 24 Stunden nach der Buchung kostenlos storniert werden, wenn der Abflug mindestens 7 Tage entfernt ist. Danach hängt es vom Tarif ab: Bei Economy Light werden nur Steuern und Flughafengebühren erstattet; Economy Classic gibt ein Reiseguthaben, das 12 Monate gültig ist, abzüglich einer Gebühr von 50 €; Economy Flex und Business werden auf das ursprüngliche Zahlungsmittel erstattet. Wenn Sie vielleicht an einem anderen Tag reisen, passt eine Umbuchung eventuell besser. Sie können in „Meine Buchung“ stornieren oder umbuchen.",
		"No he cancelado nada: primero le explico sus opciones para que pueda decidir. Cualquier reserva puede cancelarse gratis en las 24 horas siguientes a la reserva si la salida es dentro de 7 días o más. Después depende de la tarifa: Economy Light solo devuelve las tasas e impuestos aeroportuarios; Economy Classic da un crédito de viaje válido durante 12 meses, menos un cargo de 50 €; Economy Flex y Business se reembolsan en el medio de pago original. Si quizá puede viajar otro día, un cambio de fecha puede convenirle más. Puede cancelar o cambiar en Gestionar mi reserva.",
		"Jag har inte avbokat något: här är först dina alternativ, så att du kan bestämma dig. Alla bokningar kan avbokas utan kostnad inom 24 timmar efter bokningen om avgången är minst 7 dagar bort. Därefter beror det på biljettyp: Economy Light återbetalar bara skatter och flygplatsavgifter; Economy Classic ger ett resetillgodohavande som gäller i 12 månader, minus en avgift på 50 €; Economy Flex och Business återbetalas till det ursprungliga betalsättet. Om du kanske kan resa ett annat datum kan en ombokning passa dig bättre. Du kan avboka eller boka om under Hantera bokning.")
	changeAnswer = tx("You can change the date in Manage Booking. On Economy Classic a change costs €50 per passenger per flight, plus any fare difference; on Economy Flex and Business changes are free, and only any fare difference applies; Economy Light tickets can't be changed. You'll see the exact total before you confirm anything.",
		"Vous pouvez changer la date dans Gérer ma réservation. Sur Economy Classic, une modification coûte 50 € par passager et par vol, plus l'éventuelle différence de tarif ; sur Economy Flex et Business, elle est gratuite, seule la différence de tarif s'applique ; les billets Economy Light ne sont pas modifiables. Le montant exact s'affiche avant toute confirmation.",
		"Sie können das Datum in „Meine Buchung“ ändern. Bei Economy Classic kostet eine Umbuchung 50 € pro Person und Flug, zuzüglich einer eventuellen Tarifdifferenz; bei Economy Flex und Business ist sie kostenlos, es gilt nur die Tarifdifferenz; Tickets in Economy Light können nicht geändert werden. Den genauen Betrag sehen Sie, bevor Sie etwas bestätigen.",
		"Puede cambiar la fecha en Gestionar mi reserva. En Economy Classic un cambio cuesta 50 € por pasajero y vuelo, más la posible diferencia de tarifa; en Economy Flex y Business los cambios son gratuitos y solo se paga la diferencia de tarifa; los billetes Economy Light no se pueden cambiar. Verá el importe exacto antes de confirmar nada.",
		"Du kan ändra datum under Hantera bokning. På Economy Classic kostar en ändring 50 € per passagerare och flygning, plus eventuell prisskillnad; på Economy Flex och Business är ändringar gratis och bara prisskillnaden gäller; Economy Light-biljetter kan inte ändras. Du ser det exakta beloppet innan du bekräftar något.")
	disruptionAnswer = tx("Under EU Regulation 261/2004, if a flight departing the EU arrives 3 hours or more late, or is cancelled less than 14 days before departure, compensation is €250 for flights up to 1,500 km, €400 for 1,500 to 3,500 km and €600 beyond 3,500 km, unless the disruption was caused by extraordinary circumstances such as severe weather. When we cancel a flight, you can choose rebooking on the next available flight at no extra cost or a full refund of the ticket. I can't tell you whether your flight qualifies, because our claims team checks each flight, but you can claim with the delay and cancellation claims form at northwind.example/claims, and we reply to claims within 30 days. For delays of 2 hours or more, airport staff hand out meal vouchers.",
		"Selon le règlement européen 261/2004, si un vol au départ de l'UE arrive avec 3 heures de retard ou plus, ou est annulé moins de 14 jours avant le départ, l'indemnisation est de 250 € jusqu'à 1 500 km, 400 € de 1 500 à 3 500 km et 600 € au-delà de 3 500 km, sauf circonstances extraordinaires comme une météo extrême. Lorsque nous annulons un vol, vous pouvez choisir un réacheminement sans frais sur le prochain vol disponible ou le remboursement intégral du billet. Je ne peux pas vous dire si votre vol est éligible, car notre équipe réclamations vérifie chaque vol, mais vous pouvez faire votre demande avec le formulaire de réclamation sur northwind.example/claims ; nous répondons sous 30 jours. Dès 2 heures de retard, le personnel de l'aéroport distribue des bons repas.",
		"Nach der EU-Verordnung 261/2004 beträgt die Entschädigung, wenn ein Flug ab der EU 3 Stunden oder mehr verspätet ankommt oder weniger als 14 Tage vor Abflug annulliert wird, 250 € bis 1.500 km, 400 € von 1.500 bis 3.500 km und 600 € über 3.500 km, außer bei außergewöhnlichen Umständen wie extremem Wetter. Wenn wir einen Flug annullieren, wählen Sie zwischen einer kostenlosen Umbuchung auf den nächsten verfügbaren Flug und der vollen Erstattung des Tickets. Ob Ihr Flug berechtigt ist, kann ich Ihnen nicht sagen, weil unser Team jeden Flug einzeln prüft, aber Sie können den Antrag mit dem Formular unter northwind.example/claims stellen; wir antworten innerhalb von 30 Tagen. Ab 2 Stunden Verspätung gibt das Personal am Flughafen Essensgutscheine aus.",
		"Según el Reglamento europeo 261/2004, si un vuelo con salida en la UE llega con 3 horas o más de retraso, o se cancela con menos de 14 días de antelación, la compensación es de 250 € para vuelos de hasta 1.500 km, 400 € de 1.500 a 3.500 km y 600 € para más de 3.500 km, salvo circunstancias extraordinarias como un temporal. Cuando cancelamos un vuelo, puede elegir un nuevo vuelo disponible sin coste o el reembolso completo del billete. No puedo decirle si su vuelo tiene derecho, porque nuestro equipo revisa cada vuelo, pero puede reclamar con el formulario de northwind.example/claims; respondemos en un plazo de 30 días. A partir de 2 horas de retraso, el personal del aeropuerto reparte vales de comida.",
		"Enligt EU-förordning 261/2004 är ersättningen, om ett flyg från EU kommer fram 3 timmar eller mer försenat eller ställs in mindre än 14 dagar före avgång, 250 € för flygningar upp till 1 500 km, 400 € för 1 500 till 3 500 km och 600 € över 3 500 km, utom vid extraordinära omständigheter som svårt väder. När vi ställer in ett flyg väljer du mellan ombokning till nästa lediga flyg utan extra kostnad och full återbetalning av biljetten. Jag kan inte säga om just ditt flyg har rätt till ersättning, eftersom vårt team granskar varje flygning, men du kan ansöka med formuläret på northwind.example/claims; vi svarar inom 30 dagar. Vid förseningar på 2 timmar eller mer delar personalen på flygplatsen ut matkuponger.")
	claimTimeAnswer = tx("We reply to delay and cancellation claims within 30 days. If you haven't sent yours yet, the claims form is at northwind.example/claims.",
		"Nous répondons aux réclamations sous 30 jours. Si vous n'avez pas encore envoyé la vôtre, le formulaire est sur northwind.example/claims.",
		"Wir beantworten Anträge wegen Verspätung und Annullierung innerhalb von 30 Tagen. Falls Sie Ihren noch nicht gestellt haben, finden Sie das Formular unter northwind.example/claims.",
		"Respondemos a las reclamaciones por retraso y cancelación en un plazo de 30 días. Si aún no ha enviado la suya, el formulario está en northwind.example/claims.",
		"Vi svarar på ersättningsanspråk för förseningar och inställda flyg inom 30 dagar. Om du inte har skickat ditt än finns formuläret på northwind.example/claims.")
	upgradeNoFree = tx("I'm not able to give free upgrades or agree deals on prices.",
		"Je ne peux pas offrir de surclassement gratuit ni conclure d'accord sur les prix.",
		"Ich kann keine kostenlosen Upgrades vergeben und keine Preisabsprachen treffen.",
		"No puedo dar mejoras gratuitas ni acordar precios.",
		"Jag kan inte ge gratis uppgraderingar eller göra upp om priser.")
	upgradeAnswer = tx("Paid upgrades to Business can be requested in Manage Booking up to 24 hours before departure, subject to availability, and the price is shown there before you pay.",
		"Les surclassements payants en Business peuvent être demandés dans Gérer ma réservation jusqu'à 24 heures avant le départ, selon disponibilité ; le prix s'affiche avant le paiement.",
		"Kostenpflichtige Upgrades in die Business Class können Sie in „Meine Buchung“ bis 24 Stunden vor Abflug beantragen, je nach Verfügbarkeit; der Preis wird dort angezeigt, bevor Sie bezahlen.",
		"Las mejoras de pago a Business se pueden solicitar en Gestionar mi reserva hasta 24 horas antes de la salida, según disponibilidad, y el precio aparece allí antes de pagar.",
		"Betalda uppgraderingar till Business kan begäras under Hantera bokning senast 24 timmar före avgång, i mån av plats, och priset visas där innan du betalar.")
	airRefundAnswer = tx("Refunds are paid to your original payment method within 7 business days of approval. What can be refunded depends on the fare: Economy Light refunds only taxes and airport charges, Economy Classic gives a travel credit valid for 12 months minus a €50 fee, and Economy Flex and Business are refunded to your original payment method.",
		"Les remboursements sont versés sur le moyen de paiement d'origine sous 7 jours ouvrés après acceptation. Ce qui est remboursable dépend du tarif : Economy Light rembourse uniquement les taxes et redevances, Economy Classic donne un avoir valable 12 mois moins 50 € de frais, et Economy Flex et Business sont remboursés sur le moyen de paiement d'origine.",
		"Erstattungen gehen innerhalb von 7 Werktagen nach der Genehmigung auf Ihr ursprüngliches Zahlungsmittel. Was erstattet wird, hängt vom Tarif ab: Bei Economy Light nur Steuern und Flughafengebühren, bei Economy Classic ein Reiseguthaben, das 12 Monate gültig ist, abzüglich 50 € Gebühr, und Economy Flex und Business werden auf das ursprüngliche Zahlungsmittel erstattet.",
		"Los reembolsos se abonan en el medio de pago original en un plazo de 7 días hábiles desde su aprobación. Lo que se reembolsa depende de la tarifa: Economy Light solo devuelve tasas e impuestos, Economy Classic da un crédito de viaje válido durante 12 meses menos un cargo de 50 €, y Economy Flex y Business se reembolsan en el medio de pago original.",
		"Återbetalningar görs till det ursprungliga betalsättet inom 7 bankdagar efter godkännande. Vad som återbetalas beror på biljettyp: Economy Light ger bara tillbaka skatter och flygplatsavgifter, Economy Classic ger ett resetillgodohavande som gäller i 12 månader minus en avgift på 50 €, och Economy Flex och Business återbetalas till det ursprungliga betalsättet.")
	checkInAnswer = tx("Online check-in opens 30 hours before departure and closes 60 minutes before departure, in the Northwind Air app or at northwind.example/checkin. Your boarding pass is then in the app, or you can print it.",
		"L'enregistrement en ligne ouvre 30 heures avant le départ et ferme 60 minutes avant le départ, dans l'application Northwind Air ou sur northwind.example/checkin. Votre carte d'embarquement est ensuite dans l'application, ou vous pouvez l'imprimer.",
		"Der Online-Check-in öffnet 30 Stunden vor Abflug und schließt 60 Minuten vor Abflug, in der Northwind-Air-App oder unter northwind.example/checkin. Ihre Bordkarte finden Sie dann in der App, oder Sie drucken sie aus.",
		"La facturación en línea se abre 30 horas antes de la salida y se cierra 60 minutos antes de la salida, en la aplicación de Northwind Air o en northwind.example/checkin. Después tendrá la tarjeta de embarque en la aplicación, o puede imprimirla.",
		"Incheckningen online öppnar 30 timmar före avgång och stänger 60 minuter före avgång, i Northwind Air-appen eller på northwind.example/checkin. Ditt boardingkort finns sedan i appen, eller så kan du skriva ut det.")
)
