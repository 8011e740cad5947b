"""Common first names and surnames (Spanish and English), folded; extended at load time with the names seen
in the MEDDOCAN training split (``guardrails/models/gazetteer.json``, written by ``guardrails.ner.train``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

GAZETTEER_PATH = Path(__file__).resolve().parents[1] / "models" / "gazetteer.json"

FIRST_NAMES = set(
    """
    maria jose antonio manuel francisco juan david javier daniel carlos jesus alejandro miguel rafael pedro pablo
    angel sergio fernando jorge luis alberto alvaro diego adrian raul enrique ramon vicente ivan ruben oscar andres
    joaquin santiago eduardo victor roberto jaime mario marcos ignacio alfonso hugo ricardo emilio guillermo gabriel
    julian julio salvador tomas agustin marc felix gonzalo lucas nicolas cristian martin samuel aitor iker jordi
    xavier josep joan pau unai mikel asier borja gorka inigo lorenzo arturo mateo leo thiago bruno izan
    carmen ana isabel laura dolores pilar teresa rosa cristina marta francisca antonia lucia mercedes elena paula
    raquel sara manuela concepcion rocio silvia julia beatriz patricia irene nuria montserrat rosario encarnacion
    alba andrea claudia sonia monica eva angela marina natalia veronica esther yolanda inmaculada susana noelia
    sofia carla lorena alicia miriam amparo margarita nerea ainhoa leire itziar maite olga victoria gloria
    lourdes consuelo begona sandra alejandra adriana daniela valeria martina emma lola nora vega carolina
    ines fatima marisa mari maribel juani loli paqui pepe paco manolo pepa charo conchi merche nacho chema
    dani alex edu javi rafa fran santi nico migue quique toni jose mari pili isa sole lupe bea cris vicky
        john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark
    donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
    nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
    raymond jack dennis jerry tyler aaron henry adam peter nathan zachary kyle walter harold carl jeremy keith
    roger gerald ethan arthur terry christian sean lawrence austin joe noah jesse albert bryan billy bruce willie
    jordan dylan alan ralph gabriel roy juan wayne eugene logan randy louis russell vincent philip bobby johnny
    bradley liam oliver harry jacob charlie tom tim mike chris jim bob bill dave steve matt ben sam max
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra
    ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura
    cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra
    rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren
    christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison
    frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly
    isabella theresa diana natalie brittany charlotte marie kayla alexis lori ava mia amelia chloe lucy ella
    jane kate katie jenny liz beth sue meg
    """.split()
)

SURNAMES = set(
    """
    garcia rodriguez gonzalez fernandez lopez martinez sanchez perez gomez martin jimenez ruiz hernandez diaz
    moreno munoz alvarez romero alonso gutierrez navarro torres dominguez vazquez ramos gil ramirez serrano blanco
    molina morales suarez ortega delgado castro ortiz rubio marin sanz nunez iglesias medina garrido cortes castillo
    santos lozano guerrero cano prieto mendez cruz calvo gallego vidal leon marquez herrera pena flores cabrera
    campos vega fuentes carrasco diez caballero reyes nieto aguilar pascual santana herrero lorenzo montero hidalgo
    gimenez ibanez ferrer duran santiago benitez mora vicente vargas arias carmona crespo roman pastor soto saez
    velasco moya soler parra esteban bravo gallardo rojas pardo merino franco espinosa izquierdo lara rivas
    silva rivera casado arroyo redondo camacho rey vera otero luque galan montes rios sierra segura carrillo
    marcos marti soriano mendoza bueno
    smith johnson williams brown jones miller davis wilson anderson taylor thomas moore jackson white harris
    thompson clark lewis robinson walker young allen king wright scott hill green adams baker nelson carter
    mitchell roberts turner phillips campbell parker evans edwards collins stewart morris murphy cook rogers
    morgan peterson cooper reed bailey bell kelly howard ward cox richardson wood watson brooks bennett gray
    james hughes price sanders myers long ross foster
    """.split()
)


# Relation words that MEDDOCAN sometimes annotates inside a relative's name span: never a name by themselves.
RELATION_WORDS = frozenset(
    "madre padre hijo hija hijos hijas hermano hermana abuelo abuela tio tia primo prima esposo esposa marido "
    "mujer pareja familia padres nieto nieta sobrino sobrina materno materna paterno paterna".split()
)


@cache
def gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    """First names and surnames: the lists above plus those learned from MEDDOCAN train, if shipped."""
    first, last = set(FIRST_NAMES), set(SURNAMES)
    if GAZETTEER_PATH.exists():
        data = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
        first.update(data.get("first_names", []))
        last.update(data.get("surnames", []))
    return frozenset(first - RELATION_WORDS), frozenset(last - RELATION_WORDS)
