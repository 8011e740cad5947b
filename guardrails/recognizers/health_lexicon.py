"""Conditions, medications (generic and common brand names) and procedures, Spanish and English, folded.

Used with first-person context by the health-information recognizer; accents are optional when matching.
"""

from __future__ import annotations

CONDITIONS = """
diabetes diabetica diabetico diabetic prediabetes hipertension hipertenso hipertensa tension alta presion alta
high blood pressure hypertension colesterol cholesterol hipercolesterolemia trigliceridos asma asthma epoc copd
bronquitis bronchitis neumonia pneumonia covid coronavirus gripe flu cancer cancer tumor tumour leucemia leukemia
linfoma lymphoma metastasis quimio quimioterapia chemo chemotherapy radioterapia radiotherapy vih hiv sida aids
hepatitis cirrosis cirrhosis alzheimer parkinson demencia dementia esclerosis multiple sclerosis ela als epilepsia
epilepsy epileptico migrana migrana migraine migranas jaqueca depresion depression depresiva ansiedad anxiety
bipolar esquizofrenia schizophrenia tdah adhd autismo autism anorexia bulimia trastorno disorder insomnio insomnia
apnea artritis arthritis artrosis osteoarthritis osteoporosis fibromialgia fibromyalgia lupus psoriasis dermatitis
eczema celiaquia celiaco celiaca celiac crohn colitis ulcera ulcer reflujo reflux gastritis hernia hemorroides
hemorrhoids infarto heart attack ictus stroke angina arritmia arrhythmia fibrilacion fibrillation insuficiencia
cardiaca heart failure trombosis thrombosis embolia embolism anemia anaemia hipotiroidismo hypothyroidism
hipertiroidismo hyperthyroidism tiroides thyroid obesidad obesity sobrepeso glaucoma cataratas cataract catarata
embarazada embarazo pregnant pregnancy aborto miscarriage abortion infertilidad infertility endometriosis
menopausia menopause ets std sti sifilis syphilis gonorrea gonorrhea clamidia chlamydia herpes vph hpv
papiloma alergia alergico alergica allergy allergic intolerancia intolerance lactosa lactose renal kidney
calculos kidney stones piedras en el rinon dialisis dialysis hemodialisis transplante trasplante transplant
adiccion addiction alcoholismo alcoholism drogadiccion tuberculosis malaria gota gout anginas tendinitis
lumbalgia ciatica sciatica escoliosis scoliosis cardiopatia cardiomiopatia marcapasos pacemaker stent
esguince sprain fractura fracture rotura rotura de ligamento ligamento cruzado menisco meniscus hernia discal
discopatia vertigo vertigos acufenos tinnitus sordera deafness otitis conjuntivitis sinusitis faringitis amigdalitis
tonsillitis cistitis infeccion de orina urinary tract infection uti prostata prostate candidiasis hongos
quiste cyst nodulo nodule polipo polyp mioma fibroid anemia ferropenica sangrado bleeding
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
    "azucar alto",
    "high sugar",
    "sleep apnea",
    "apnea del sueno",
    "hernia discal",
    "ligamento cruzado",
    "rotura de ligamento",
    "anemia ferropenica",
    "tiroides",
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
ansiolitico ansioliticos anticoagulante anticoagulantes anticoagulant blood thinner blood thinners
anticonceptivo anticonceptivos anticonceptiva contraceptive contraceptives pildora the pill yasmin diane
viagra sildenafilo sildenafil cialis tadalafilo tadalafil finasterida finasteride tamsulosina tamsulosin
metotrexato methotrexate humira adalimumab enbrel etanercept remicade infliximab tamoxifeno tamoxifen
letrozol letrozole herceptin keytruda truvada prep antirretrovirales antiretrovirals biktarvy methadone
metadona suboxone buprenorfina naltrexona isotretinoina isotretinoin roacutan accutane minoxidil
hierro iron vitamina vitamin b12 acido folico folic acid calcio calcium
""".split()

MULTIWORD_MEDICATIONS = ["blood thinner", "blood thinners", "the pill", "acido folico", "folic acid", "la pildora"]

PROCEDURES = """
cirugia surgery operacion operation operado operada intervencion quirurgica biopsia biopsy colonoscopia
colonoscopy endoscopia endoscopy gastroscopia mamografia mammogram resonancia mri tac scanner tc ct scan
radiografia x-ray ecografia ultrasound electrocardiograma ecg ekg holter analitica analisis blood test
prueba test pcr citologia pap smear papanicolau vasectomia vasectomy ligadura histerectomia hysterectomy
cesarea c-section apendicectomia appendectomy apendicitis appendicitis bypass cateterismo angioplastia
marcapasos transplante trasplante dialisis quimioterapia radioterapia chemo chemotherapy radiotherapy
rehabilitacion fisioterapia physiotherapy physical therapy protesis prosthesis implante implant
amniocentesis fiv ivf inseminacion ivf legrado d&c aborto abortion rinoplastia liposuccion mastectomia
mastectomy lumpectomia prostatectomia cataratas cataract lasik rodilla knee cadera hip menisco
""".split()
