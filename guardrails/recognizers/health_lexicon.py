"""Conditions, medications (generic and common brand names) and procedures, Spanish and English, folded.

Used with first-person context by the health-information recognizer; accents are optional when matching.
"""

from __future__ import annotations

CONDITIONS = """
diabetes diabetica diabetico diabetic prediabetes hipertension hipertenso hipertensa
hypertension colesterol cholesterol hipercolesterolemia trigliceridos asma asthma epoc copd
bronquitis bronchitis neumonia pneumonia covid coronavirus gripe flu cancer cancer tumor leucemia leukemia
linfoma lymphoma metastasis quimio quimioterapia chemo chemotherapy radioterapia radiotherapy vih hiv sida aids
hepatitis cirrosis cirrhosis alzheimer parkinson demencia dementia esclerosis epilepsia
epilepsy epileptico migrana migrana migraine migranas jaqueca depresion depression depresiva ansiedad anxiety
bipolar esquizofrenia schizophrenia tdah adhd autismo autism anorexia bulimia insomnio insomnia
apnea artritis arthritis artrosis osteoarthritis osteoporosis fibromialgia fibromyalgia lupus psoriasis dermatitis
eczema celiaquia celiaco celiaca celiac crohn colitis ulcera ulcer reflujo reflux gastritis hernia hemorroides
hemorrhoids infarto ictus stroke angina arritmia arrhythmia fibrilacion fibrillation
trombosis thrombosis embolia embolism anemia anaemia hipotiroidismo hypothyroidism
hipertiroidismo hyperthyroidism tiroides thyroid obesidad obesity sobrepeso glaucoma cataratas cataract catarata
embarazada embarazo pregnant pregnancy aborto miscarriage abortion infertilidad infertility endometriosis
menopausia menopause ets std sti sifilis syphilis gonorrea gonorrhea clamidia chlamydia herpes vph hpv
papiloma alergia alergico alergica allergy allergic intolerancia intolerance lactosa lactose
dialisis dialysis hemodialisis transplante trasplante transplant
adiccion addiction alcoholismo alcoholism drogadiccion tuberculosis malaria gota gout anginas tendinitis
lumbalgia ciatica sciatica escoliosis scoliosis cardiopatia cardiomiopatia marcapasos pacemaker stent
esguince sprain fractura fracture menisco meniscus
discopatia vertigo vertigos acufenos tinnitus sordera deafness otitis conjuntivitis sinusitis faringitis amigdalitis
tonsillitis cistitis uti prostata prostate candidiasis
quiste cyst nodulo nodule polipo polyp mioma fibroid
""".split()

# Symptoms: "tengo fiebre" is health information about the speaker even without a diagnosis.
SYMPTOMS = """
fiebre fever tos cough vomitos vomiting diarrea diarrhea diarrhoea mareos mareo dizziness nauseas nausea
sarpullido rash picor itching hemorragia contracciones contractions convulsiones seizures palpitaciones
palpitations insomnio jaqueca dolor pain ache sangre blood bulto lump
""".split()

MULTIWORD_CONDITIONS = [
    "tension alta",
    "presion alta",
    "high blood pressure",
    "heart attack",
    "heart failure",
    "kidney stones",
    "insuficiencia cardiaca",
    "insuficiencia renal",
    "esclerosis multiple",
    "multiple sclerosis",
    "piedras en el rinon",
    "infeccion de orina",
    "urinary tract infection",
    "colon irritable",
    "sindrome de down",
    "down syndrome",
    "trastorno bipolar",
    "bipolar disorder",
    "ataque de ansiedad",
    "panic attack",
    "ataques de panico",
    "ataque de panico",
    "ataques de ansiedad",
    "azucar alto",
    "high sugar",
    "sleep apnea",
    "apnea del sueno",
    "hernia discal",
    "ligamento cruzado",
    "rotura de ligamento",
    "anemia ferropenica",
    "tiroides",
    "colesterol alto",
    "el colesterol alto",
    "la tension alta",
    "la presion alta",
    "el azucar alto",
]

MEDICATIONS = """
sintrom acenocumarol warfarina warfarin xarelto rivaroxaban eliquis apixaban pradaxa dabigatran heparina heparin
clexane enoxaparina aspirina aspirin adiro metformina metformin dianben insulina insulin lantus novorapid humalog
ozempic semaglutida semaglutide wegovy mounjaro tirzepatida jardiance januvia sitagliptina glucophage enalapril
lisinopril losartan valsartan amlodipino amlodipine ramipril bisoprolol atenolol propranolol furosemida furosemide
seguril hidroclorotiazida hydrochlorothiazide atorvastatina atorvastatin simvastatina simvastatin rosuvastatina
rosuvastatin crestor lipitor zocor omeprazol omeprazole pantoprazol pantoprazole nexium esomeprazol ranitidina
ibuprofeno ibuprofen paracetamol acetaminophen tylenol advil nolotil metamizol enantyum dexketoprofeno tramadol
codeina codeine morfina morphine fentanilo fentanyl oxicodona oxycodone oxycontin tapentadol lyrica pregabalina
pregabalin gabapentina gabapentin neurontin diazepam valium lorazepam orfidal alprazolam trankimazin xanax
clonazepam rivotril lormetazepam zolpidem stilnox sertralina sertraline zoloft fluoxetina fluoxetine prozac
paroxetina paroxetine escitalopram cipralex lexapro citalopram venlafaxina venlafaxine duloxetina duloxetine
cymbalta mirtazapina mirtazapine trazodona trazodone bupropion wellbutrin quetiapina quetiapine seroquel
risperidona risperidone olanzapina olanzapine aripiprazol abilify litio lithium valproato depakine lamotrigina
lamotrigine levetiracetam keppra carbamazepina tegretol metilfenidato methylphenidate concerta ritalin rubifen
levotiroxina levothyroxine eutirox synthroid tiamazol prednisona prednisone dacortin metilprednisolona
hidrocortisona hydrocortisone salbutamol ventolin albuterol symbicort seretide budesonida montelukast singulair
amoxicilina amoxicillin augmentin clamoxyl azitromicina azithromycin zithromax ciprofloxacino ciprofloxacin
levofloxacino doxiciclina doxycycline fosfomicina monurol nitrofurantoina cefuroxima penicilina penicillin
antibiotico antibioticos antibiotic antibiotics antidepresivo antidepresivos antidepressant antidepressants
ansiolitico ansioliticos anticoagulante anticoagulantes anticoagulant
anticonceptivo anticonceptivos anticonceptiva contraceptive contraceptives yasmin diane
viagra sildenafilo sildenafil cialis tadalafilo tadalafil finasterida finasteride tamsulosina tamsulosin
metotrexato methotrexate humira adalimumab enbrel etanercept remicade infliximab tamoxifeno tamoxifen
letrozol letrozole herceptin keytruda truvada prep antirretrovirales antiretrovirals biktarvy methadone
metadona suboxone buprenorfina naltrexona isotretinoina isotretinoin roacutan accutane minoxidil

""".split()

MULTIWORD_MEDICATIONS = [
    "vitamina b12",
    "vitamin b12",
    "suplemento de hierro",
    "iron supplements",
    "blood thinner",
    "blood thinners",
    "the pill",
    "acido folico",
    "folic acid",
    "la pildora",
]

MULTIWORD_PROCEDURES = [
    "intervencion quirurgica",
    "pap smear",
    "physical therapy",
    "ct scan",
    "blood test",
    "blood tests",
    "x-ray",
    "c-section",
    "operacion de",
    "operation on",
    "prueba de embarazo",
    "pregnancy test",
    "analisis de sangre",
    "prueba de esfuerzo",
    "test de embarazo",
    "protesis de rodilla",
    "protesis de cadera",
    "knee replacement",
    "hip replacement",
]

PROCEDURES = """
cirugia surgery biopsia biopsy colonoscopia
colonoscopy endoscopia endoscopy gastroscopia mamografia mammogram resonancia mri tac scanner
radiografia ecografia ultrasound electrocardiograma ecg ekg holter analitica
pcr citologia papanicolau vasectomia vasectomy histerectomia hysterectomy
cesarea apendicectomia appendectomy apendicitis appendicitis bypass cateterismo angioplastia
marcapasos transplante trasplante dialisis quimioterapia radioterapia chemo chemotherapy radiotherapy
rehabilitacion fisioterapia physiotherapy protesis prosthesis implante implant
amniocentesis fiv ivf inseminacion ivf legrado d&c aborto abortion rinoplastia liposuccion mastectomia
mastectomy lumpectomia prostatectomia cataratas cataract lasik menisco
""".split()
