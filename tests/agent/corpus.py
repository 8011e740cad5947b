"""A few approved paragraphs of a fictional clinic (Spanish and English) for answerer and engine tests."""

DOCUMENTS = [
    {
        "title": "Horarios y contacto",
        "source": "horarios.html",
        "language": "es",
        "chunks": [
            "La clínica abre de lunes a viernes de 8:00 a 20:00. Los sábados abrimos de 9:00 a 14:00. "
            "Los domingos y festivos la clínica permanece cerrada.",
            "Estamos en la calle Ficticia 12 de Madrid. Puedes llegar en metro (línea 3, estación Sol) o en los "
            "autobuses 5 y 150. No disponemos de aparcamiento propio.",
        ],
    },
    {
        "title": "Citas",
        "source": "citas.pdf",
        "language": "es",
        "chunks": [
            "Puedes pedir cita en el portal del paciente o llamando al 910 000 000 en horario de atención. "
            "Para cancelar o cambiar una cita, avísanos con al menos 24 horas de antelación.",
            "Si llegas más de 15 minutos tarde, es posible que tengamos que cambiar tu cita a otro día.",
        ],
    },
    {
        "title": "Preparación de pruebas",
        "source": "preparacion.pdf",
        "language": "es",
        "chunks": [
            "Para un análisis de sangre debes venir en ayunas de 8 horas. Puedes beber agua. "
            "Los resultados de laboratorio suelen estar disponibles en el portal en 3 días laborables.",
        ],
    },
    {
        "title": "International patients",
        "source": "international.html",
        "language": "en",
        "chunks": [
            "Our reception staff speak English and French. Travel insurance from the main European insurers is "
            "accepted; bring your policy number and passport to your visit.",
        ],
    },
]
