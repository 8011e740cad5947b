"""Purchase or promotion of medical products and prescription drugs (the clinic sells nothing here)."""

from __future__ import annotations

from guardrails.decision import Verdict
from guardrails.detectors.normalize import Normalized
from guardrails.detectors.phrases import PhraseSet, phrase_list

SALES = "sales"

_BUY = "buy"
_PROMO = "promo"
_GENERIC = "generic"
_SPECIFIC = "specific"
_ALWAYS = "always"

_BUY_WORDS = phrase_list(
    """
    comprar, compro, comprarle, comprarlo, comprarlas, vender, vendeis, venden, vendes, venta, vendo, a la
    venta, conseguir, pedir online, encargar, distribuir, distribuidor, mayorista, buy, buying, purchase, order
    online, sell, selling, for sale, get some, shipping, envio a domicilio, can i buy, puedo comprar, buy one,
    comprar uno, comprar una, in bulk, al por mayor, catalogo, catalogue, reply for, responde para
"""
)
# Promotion words count only next to a specific product: "oferta en medicina general" is a price question.
_PROMO_WORDS = phrase_list(
    """
    promocion, oferta, ofertas, descuento, barato, baratas, baratos, precio de las, cuanto cuestan, offer,
    discount, promo, deal, cheap, how much are the, price of the, cuanto cuesta, cuanto valen, cuanto vale,
    teneis, tienen, vendeis, do you have, do you sell, how much is, how much are
"""
)
_GENERIC_PRODUCTS = phrase_list(
    """
    medicamento, medicamentos, medicina, medicinas, farmaco, farmacos, productos, producto, drugs, meds,
    medication, medications, medicine, medicines, remedio, remedios, baja medica, sick note, justificante,
    certificado medico, medical certificate, supplies, medical supplies, material medico, suministros, sick note
    but
"""
)
_SPECIFIC_PRODUCTS = phrase_list(
    """
    pastillas, pildoras, comprimidos, antibiotico, antibioticos, ozempic, wegovy, saxenda, viagra, cialis,
    xanax, tramadol, oxicodona, oxycodone, fentanilo, fentanyl, valium, diazepam, alprazolam, lorazepam,
    orfidal, trankimazin, rivotril, clonazepam, adderall, modafinil, morfina, morphine, codeina, codeine,
    esteroides, anabolizantes, testosterona, steroids, suplementos, supplements, crema, cremas, pills,
    antibiotics, tablets, semaglutide, semaglutida, isotretinoina, roacutan, finasteride, minoxidil, ibuprofeno,
    ibuprofen, paracetamol, nolotil, melatonin
"""
)
_ALWAYS_PHRASES = phrase_list(
    """
    sin receta, without prescription, without a prescription, no prescription, no prescription needed, farmacia
    online, online pharmacy, pharmacy online, cheap meds, cheap pills, medicamentos baratos, pastillas baratas,
    receta falsa, fake prescription, hazme una receta, write me a prescription, venta de medicamentos, vendo
    medicamentos, producto milagro, miracle cure, cura milagrosa, adelgazar rapido, lose weight fast,
    dropshipping
"""
)

_PHRASES = PhraseSet(
    {
        _BUY: _BUY_WORDS,
        _PROMO: _PROMO_WORDS,
        _GENERIC: _GENERIC_PRODUCTS,
        _SPECIFIC: _SPECIFIC_PRODUCTS,
        _ALWAYS: _ALWAYS_PHRASES,
    }
)


class SalesDetector:
    """Finds buying/selling or promoting drugs and medical products (``sales``)."""

    def detect(self, raw: str, text: Normalized) -> list[Verdict]:  # noqa: ARG002 - phrase rules only
        found = _PHRASES.find(text)
        buys = _BUY in found and (_GENERIC in found or _SPECIFIC in found)
        if _ALWAYS in found or buys or {_PROMO, _SPECIFIC} <= found:
            return [Verdict(name=SALES)]
        return []
