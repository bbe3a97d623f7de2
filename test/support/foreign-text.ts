// Entry lists written in the languages whose legacy encodings overlap GBK's bytes: Traditional
// Chinese (Big5), Japanese (Shift-JIS), Korean (EUC-KR), and a Western one (Windows-1252). Tests
// encode them with iconv-lite, as a Taiwanese, Japanese, Korean or European platform would.

export const TRADITIONAL_CHINESE = [
  '專案編號,專案名稱,牽頭申報單位,所屬領域,專案簡介',
  'T2025-0001,5G智慧工廠品質檢測系統,臺灣積體電路製造股份有限公司,智慧製造,利用高解析度影像與邊緣運算即時檢測晶圓缺陷，降低人工複檢比例。',
  'T2025-0002,5G遠距醫療急救平臺,國立臺灣大學醫學院附設醫院,醫療照護,救護車上傳生理數據與影像，醫師在院內即時指導急救處置。',
  'T2025-0003,5G智慧港口自動化調度,高雄港務分公司,交通運輸,貨櫃車輛與橋式起重機協同作業，縮短船舶靠港時間。',
  'T2025-0004,5G校園沉浸式教學,國立清華大學,教育學習,以擴增實境呈現實驗過程，學生可遠端參與實作課程。',
  'T2025-0005,5G電網巡檢無人機,台灣電力公司,能源電力,無人機沿輸電線路飛行，回傳高畫質畫面並自動辨識異常。',
  'T2025-0006,5G農業溫室環境監控,雲林縣農會,智慧農業,感測器網路監測溫濕度與土壤養分，自動調整灌溉與通風。',
].join('\r\n');

export const JAPANESE = [
  '案件番号,案件名,申請者,分野,概要',
  'J2025-0001,5Gスマート工場の品質検査,トヨタ自動車株式会社,製造業,高精細カメラとエッジ処理で部品の欠陥をリアルタイムに検出します。',
  'J2025-0002,5G遠隔医療の救急支援,東京大学医学部附属病院,医療,救急車から生体情報と映像を送り、医師が病院から処置を指示します。',
  'J2025-0003,5Gスマート港湾の自動化,横浜港埠頭株式会社,交通,コンテナ車両とクレーンを連携させ、船の停泊時間を短縮します。',
  'J2025-0004,5G教育のための遠隔授業,京都大学,教育,拡張現実で実験の様子を示し、学生は遠くから実習に参加できます。',
  'J2025-0005,5G送電線の点検ドローン,関西電力株式会社,エネルギー,ドローンが送電線に沿って飛び、高画質の映像で異常を見つけます。',
].join('\r\n');

export const KOREAN = [
  '과제번호,과제명,신청기관,분야,개요',
  'K2025-0001,5G 스마트 공장 품질 검사,삼성전자 주식회사,제조,고해상도 카메라와 엣지 컴퓨팅으로 부품 결함을 실시간으로 검출합니다.',
  'K2025-0002,5G 원격 의료 응급 지원,서울대학교병원,의료,구급차에서 생체 정보와 영상을 보내고 의사가 병원에서 처치를 지시합니다.',
  'K2025-0003,5G 스마트 항만 자동화,부산항만공사,교통,컨테이너 차량과 크레인을 연계하여 선박의 정박 시간을 줄입니다.',
  'K2025-0004,5G 교육 원격 수업,한국과학기술원,교육,증강 현실로 실험 과정을 보여 주고 학생은 원격으로 실습에 참여합니다.',
  'K2025-0005,5G 송전선 점검 드론,한국전력공사,에너지,드론이 송전선을 따라 비행하며 고화질 영상으로 이상을 찾아냅니다.',
].join('\r\n');

export const WESTERN = [
  'Référence,Intitulé,Organisme porteur,Secteur,Résumé',
  'F2025-0001,Usine intelligente 5G,Société Générale d’Électricité,Industrie,Contrôle qualité en temps réel grâce à la périphérie du réseau.',
  'F2025-0002,Télémédecine d’urgence 5G,Hôpital Européen Georges-Pompidou,Santé,Les ambulances transmettent données vitales et vidéo ; le médecin guide les soins.',
  'F2025-0003,Port connecté 5G,Grand Port Maritime du Havre,Transport,Coordination des grues et des camions pour réduire l’attente des navires.',
  'F2025-0004,Salle de classe immersive,Université Paris-Saclay,Éducation,Réalité augmentée : les étudiants participent à distance aux travaux pratiques.',
].join('\r\n');
