<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en">
<context>
    <name>AnswerEditors</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/answer_editors.py" line="106"/>
        <source>Key %1</source>
        <translation>Bysell %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/answer_editors.py" line="340"/>
        <location filename="../../hmip_desktop/ui/views/field/answer_editors.py" line="356"/>
        <source>Not a valid value</source>
        <translation>Nid yw'n werth dilys</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/answer_editors.py" line="338"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/bbbb</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../hmip_desktop/ui/app.py" line="78"/>
        <source>Something went wrong: %1

Details are in the log file.</source>
        <translation>Aeth rhywbeth o'i le: %1

Mae'r manylion yn y ffeil log.</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="76"/>
        <source>Case</source>
        <translation>Achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="76"/>
        <source>Complete</source>
        <translation>Cyflawn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="76"/>
        <source>Last edited</source>
        <translation>Golygwyd ddiwethaf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="76"/>
        <source>Profile</source>
        <translation>Proffil</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="76"/>
        <source>Reader</source>
        <translation>Darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/case_list.py" line="76"/>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="161"/>
        <source>%1 complete · %2 in progress · %3 not started</source>
        <translation>Wedi'u cwblhau: %1 · Ar waith: %2 · Heb ddechrau: %3</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="159"/>
        <source>%v of %m case reads complete</source>
        <translation>%v o %m darlleniad achos wedi'u cwblhau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="96"/>
        <source>&amp;Find case</source>
        <translation>&amp;Canfod achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="100"/>
        <source>&amp;Reader</source>
        <translation>&amp;Darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="99"/>
        <source>&amp;Status</source>
        <translation>&amp;Statws</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="117"/>
        <source>All</source>
        <translation>Y cyfan</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="103"/>
        <source>Case reads</source>
        <translation>Darlleniadau achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="97"/>
        <source>Case reference</source>
        <translation>Cyfeirnod achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="125"/>
        <source>Everyone</source>
        <translation>Pawb</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="102"/>
        <source>Filter by reader</source>
        <translation>Hidlo yn ôl darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="101"/>
        <source>Filter by status</source>
        <translation>Hidlo yn ôl statws</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="98"/>
        <source>Find case by reference</source>
        <translation>Canfod achos yn ôl cyfeirnod</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="149"/>
        <source>Inspection progress</source>
        <translation>Cynnydd yr arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_list_page.py" line="152"/>
        <source>Loading…</source>
        <translation>Wrthi'n llwytho…</translation>
    </message>
</context>
<context>
    <name>CaseReadPage</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="348"/>
        <source>%1 still to do</source>
        <translation>%1 i'w gwneud o hyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="167"/>
        <source>Back to the case list (Ctrl+L)</source>
        <translation>Yn ôl i'r rhestr achosion (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="331"/>
        <source>Case %1</source>
        <translation>Achos %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="166"/>
        <source>Case list</source>
        <translation>Rhestr achosion</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="335"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="346"/>
        <source>Does not apply to this case</source>
        <translation>Nid yw'n berthnasol i'r achos hwn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="350"/>
        <source>Done</source>
        <translation>Wedi'i wneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="170"/>
        <source>Guidance</source>
        <translation>Canllawiau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="334"/>
        <source>Mark complete</source>
        <translation>Marcio'n gyflawn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="193"/>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="204"/>
        <source>Not saved</source>
        <translation>Heb ei gadw</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="288"/>
        <source>Not saved: %1. What you entered is still on screen and will be saved again with your next change.</source>
        <translation>Heb ei gadw: %1. Mae'r hyn a roesoch i mewn yn dal ar y sgrin, a bydd yn cael ei gadw eto gyda'ch newid nesaf.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="334"/>
        <source>Reopen</source>
        <translation>Ailagor</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="226"/>
        <source>Returned by the lead inspector (%1): %2</source>
        <translation>Dychwelwyd gan yr arolygydd arweiniol (%1): %2</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="193"/>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="203"/>
        <source>Saved at %1</source>
        <translation>Cadwyd am %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="168"/>
        <source>Standards</source>
        <translation>Safonau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/case_read_page.py" line="169"/>
        <source>What is missing</source>
        <translation>Beth sydd ar goll</translation>
    </message>
</context>
<context>
    <name>CentralDashboard</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="304"/>
        <source>%1 bundle(s) from %2; last imported %3. Framework %4 %5.</source>
        <translation>Bwndeli: %1, oddi wrth %2; mewnforiwyd yr olaf %3. Fframwaith %4 %5.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="226"/>
        <source>&amp;Search:</source>
        <translation>Ch&amp;wilio:</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="238"/>
        <source>Add the selected case read to the QA sample</source>
        <translation>Ychwanegu'r darlleniad achos a ddewiswyd at sampl SA</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="237"/>
        <source>Add to QA</source>
        <translation>Ychwanegu at SA</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="228"/>
        <source>Case or reader</source>
        <translation>Achos neu ddarllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="225"/>
        <source>Case reads</source>
        <translation>Darlleniadau achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="57"/>
        <source>Case reads arrived</source>
        <translation>Darlleniadau achos a gyrhaeddodd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="242"/>
        <source>Choose QA sample</source>
        <translation>Dewis sampl SA</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="243"/>
        <source>Choose the QA sample with this seed</source>
        <translation>Dewis y sampl SA gyda'r hedyn hwn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="57"/>
        <source>Complete</source>
        <translation>Wedi'u cwblhau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="58"/>
        <source>Conflicts</source>
        <translation>Gwrthdaro</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="221"/>
        <source>Import bundles from inspectors' laptops (Ctrl+I)</source>
        <translation>Mewnforio bwndeli o liniaduron arolygwyr (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="220"/>
        <source>Import bundles…</source>
        <translation>Mewnforio bwndeli…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="244"/>
        <source>Import results</source>
        <translation>Canlyniadau mewnforio</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="235"/>
        <source>Moderate</source>
        <translation>Cymedroli</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="236"/>
        <source>Moderate the selected case read</source>
        <translation>Cymedroli'r darlleniad achos a ddewiswyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="278"/>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="307"/>
        <source>No bundles imported yet.</source>
        <translation>Nid oes bwndeli wedi'u mewnforio eto.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="276"/>
        <source>No inspection yet: import a bundle</source>
        <translation>Dim arolygiad eto: mewnforiwch fwndel</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="284"/>
        <source>Open for moderation</source>
        <translation>Ar agor i'w gymedroli</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="58"/>
        <source>QA finished</source>
        <translation>SA wedi'i orffen</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="58"/>
        <source>Re-reviews waiting</source>
        <translation>Ailadolygiadau'n aros</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="224"/>
        <source>Readers</source>
        <translation>Darllenwyr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="239"/>
        <source>S&amp;eed:</source>
        <translation>&amp;Hedyn:</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="227"/>
        <source>Search case reads by case or reader</source>
        <translation>Chwilio darlleniadau achos yn ôl achos neu ddarllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="240"/>
        <source>Seed of the QA sample</source>
        <translation>Hedyn y sampl SA</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="57"/>
        <source>Selected for QA</source>
        <translation>Wedi'u dewis ar gyfer SA</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="231"/>
        <source>Sh&amp;ow:</source>
        <translation>&amp;Dangos:</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="284"/>
        <source>Signed off</source>
        <translation>Wedi'i gymeradwyo</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="241"/>
        <source>The same seed always chooses the same case reads</source>
        <translation>Mae'r un hedyn bob amser yn dewis yr un darlleniadau achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/dashboard.py" line="232"/>
        <source>Which case reads to show</source>
        <translation>Pa ddarlleniadau achos i'w dangos</translation>
    </message>
</context>
<context>
    <name>CentralEvidence</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="123"/>
        <source>&amp;Record</source>
        <translation>&amp;Cofnodi</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="170"/>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="212"/>
        <source>Band (lead inspector)</source>
        <translation>Band (arolygydd arweiniol)</translation>
    </message>
    <message>
        <source>By</source>
        <translation type="vanished">Gan</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="229"/>
        <source>Choose a judgement first.</source>
        <translation>Dewiswch farn yn gyntaf.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="119"/>
        <source>Every record of the standard, oldest first</source>
        <translation>Pob cofnod o'r safon, yr hynaf yn gyntaf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="117"/>
        <source>Item</source>
        <translation>Eitem</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="117"/>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="122"/>
        <source>Judgement</source>
        <translation>Barn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="281"/>
        <source>Judgement on evidence recorded; the ratings are updated.</source>
        <translation>Barn ar dystiolaeth wedi'i chofnodi; mae'r graddau wedi'u diweddaru.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="215"/>
        <source>Key question %1</source>
        <translation>Cwestiwn allweddol %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="189"/>
        <source>Not rated</source>
        <translation>Heb ei raddio</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="287"/>
        <source>Not recorded: %1</source>
        <translation>Heb ei gofnodi: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="118"/>
        <source>Recorded by, when, where</source>
        <translation>Cofnodwyd gan bwy, pryd, ble</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="238"/>
        <source>Recorded; the ratings are updated.</source>
        <translation>Wedi'i gofnodi; mae'r graddau wedi'u diweddaru.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="180"/>
        <source>Records are never changed: a new record supersedes the latest of its item, and every earlier record stays listed.</source>
        <translation>Ni chaiff cofnodion byth eu newid: mae cofnod newydd yn disodli'r diweddaraf o'i eitem, ac mae pob cofnod cynharach yn aros yn y rhestr.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="232"/>
        <source>Saving…</source>
        <translation>Wrthi'n cadw…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="178"/>
        <source>Signed off: nothing can be recorded until the inspection is reopened.</source>
        <translation>Wedi'i gymeradwyo: ni ellir cofnodi dim nes i'r arolygiad gael ei ailagor.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="120"/>
        <source>Standards judged on evidence</source>
        <translation>Safonau a farnwyd ar dystiolaeth</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="124"/>
        <source>Summary of the evidence, or the rationale (to supersede a record, say why):</source>
        <translation>Crynodeb o'r dystiolaeth, neu'r rhesymeg (i ddisodli cofnod, dywedwch pam):</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="117"/>
        <source>Summary or rationale</source>
        <translation>Crynodeb neu resymeg</translation>
    </message>
    <message>
        <source>Team judgement: %1</source>
        <translation type="vanished">Barn y tîm: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="167"/>
        <source>Team judgement: key question %1</source>
        <translation>Barn y tîm: cwestiwn allweddol %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="171"/>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="212"/>
        <source>The standard's band, decided by the lead inspector</source>
        <translation>Band y safon, a benderfynwyd gan yr arolygydd arweiniol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="177"/>
        <source>This inspection's framework has no standards judged on evidence.</source>
        <translation>Nid oes gan fframwaith yr arolygiad hwn safonau a farnwyd ar dystiolaeth.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="121"/>
        <source>What is recorded</source>
        <translation>Beth a gofnodir</translation>
    </message>
    <message>
        <source>When</source>
        <translation type="vanished">Pryd</translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="vanished">Ble</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="219"/>
        <source>central store</source>
        <translation>storfa ganolog</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="218"/>
        <source>current</source>
        <translation>cyfredol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="219"/>
        <source>laptop %1</source>
        <translation>gliniadur %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="218"/>
        <source>superseded</source>
        <translation>wedi'i ddisodli</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/evidence.py" line="199"/>
        <source>— choose —</source>
        <translation>— dewiswch —</translation>
    </message>
</context>
<context>
    <name>CentralModeration</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="244"/>
        <source>%1 by %2 on %3</source>
        <translation>%1 gan %2 ar %3</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="176"/>
        <source>%1, device %2, sequence %3, edited %4</source>
        <translation>%1, dyfais %2, dilyniant %3, golygwyd %4</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="235"/>
        <source>A newer version arrived after moderation: please moderate it again.</source>
        <translation>Cyrhaeddodd fersiwn mwy newydd ar ôl cymedroli: cymedrolwch ef eto.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="173"/>
        <source>Agree</source>
        <translation>Cytuno</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="174"/>
        <source>Agree with the reader on %1</source>
        <translation>Cytuno â'r darllenydd ar %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="175"/>
        <source>Agreed</source>
        <translation>Cytunwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="212"/>
        <source>Agreed by %1 on %2</source>
        <translation>Cytunwyd gan %1 ar %2</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="164"/>
        <source>Back to the dashboard</source>
        <translation>Yn ôl i'r dangosfwrdd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="163"/>
        <source>Back to the dashboard (Ctrl+L)</source>
        <translation>Yn ôl i'r dangosfwrdd (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="226"/>
        <source>Case %1</source>
        <translation>Achos %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="175"/>
        <source>Change</source>
        <translation>Newid</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="176"/>
        <source>Change the judgement on %1</source>
        <translation>Newid y farn ar %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="176"/>
        <source>Changed</source>
        <translation>Newidiwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="215"/>
        <source>Changed to %1 by %2 on %3: %4</source>
        <translation>Newidiwyd i %1 gan %2 ar %3: %4</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="254"/>
        <source>Choose the moderator's judgement first.</source>
        <translation>Dewiswch farn y cymedrolwr yn gyntaf.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="173"/>
        <source>Comments for the reader</source>
        <translation>Sylwadau i'r darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="174"/>
        <source>Comments for the reader (needed to return the read)</source>
        <translation>Sylwadau i'r darllenydd (mae eu hangen i ddychwelyd y darlleniad)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="76"/>
        <source>Conflicting version</source>
        <translation>Fersiwn sy'n gwrthdaro</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="75"/>
        <source>Current version</source>
        <translation>Fersiwn cyfredol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="179"/>
        <source>Current version: %1.
Conflicting version: %2.
Rows marked ≠ differ.</source>
        <translation>Fersiwn cyfredol: %1.
Fersiwn sy'n gwrthdaro: %2.
Mae'r rhesi a farciwyd â ≠ yn wahanol.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="162"/>
        <source>Dashboard</source>
        <translation>Dangosfwrdd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="203"/>
        <source>Evidence: %1</source>
        <translation>Tystiolaeth: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="171"/>
        <source>Judgements</source>
        <translation>Barnau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="165"/>
        <source>Keep this version (conflicting)</source>
        <translation>Cadw'r fersiwn hwn (sy'n gwrthdaro)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="164"/>
        <source>Keep this version (current)</source>
        <translation>Cadw'r fersiwn hwn (cyfredol)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="167"/>
        <source>Keep this version: the conflicting one</source>
        <translation>Cadw'r fersiwn hwn: yr un sy'n gwrthdaro</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="166"/>
        <source>Keep this version: the current one</source>
        <translation>Cadw'r fersiwn hwn: yr un cyfredol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="222"/>
        <source>Moderated on an earlier version: %1 (%2)</source>
        <translation>Cymedrolwyd ar fersiwn cynharach: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="164"/>
        <source>Moderator's judgement</source>
        <translation>Barn y cymedrolwr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="165"/>
        <source>Moderator's judgement on %1</source>
        <translation>Barn y cymedrolwr ar %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="203"/>
        <source>No evidence note</source>
        <translation>Dim nodyn tystiolaeth</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="62"/>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="42"/>
        <source>Not answered</source>
        <translation>Heb ei ateb</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="268"/>
        <source>Not changed: %1</source>
        <translation>Heb ei newid: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="210"/>
        <source>Not moderated yet</source>
        <translation>Heb ei gymedroli eto</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="172"/>
        <source>Outcome of this read:</source>
        <translation>Canlyniad y darlleniad hwn:</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="229"/>
        <source>QA: %1</source>
        <translation>SA: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="74"/>
        <source>Question or profile field</source>
        <translation>Cwestiwn neu faes proffil</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="170"/>
        <source>Rationale (required for a change)</source>
        <translation>Rhesymeg (yn ofynnol ar gyfer newid)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="171"/>
        <source>Rationale for %1</source>
        <translation>Rhesymeg ar gyfer %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="163"/>
        <source>Reader's judgement</source>
        <translation>Barn y darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="202"/>
        <source>Reader's judgement on %1</source>
        <translation>Barn y darllenydd ar %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="227"/>
        <source>Reader: %1</source>
        <translation>Darllenydd: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="162"/>
        <source>Reason for the version kept</source>
        <translation>Rheswm dros y fersiwn a gadwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="178"/>
        <source>Record the outcome: agreed</source>
        <translation>Cofnodi'r canlyniad: cytunwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="179"/>
        <source>Record the outcome: changed</source>
        <translation>Cofnodi'r canlyniad: newidiwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="180"/>
        <source>Return the read to its reader with the comments</source>
        <translation>Dychwelyd y darlleniad i'w ddarllenydd gyda'r sylwadau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="177"/>
        <source>Return to reader with comments</source>
        <translation>Dychwelyd i'r darllenydd gyda sylwadau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="258"/>
        <source>That is the reader's own judgement: use Agree, or choose a different one.</source>
        <translation>Dyna farn y darllenydd ei hun: defnyddiwch Cytuno, neu dewiswch un wahanol.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="245"/>
        <source>The reader gave no judgement here: choose one and use Change, with a rationale.</source>
        <translation>Ni roddodd y darllenydd farn yma: dewiswch un a defnyddiwch Newid, gyda rhesymeg.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="170"/>
        <source>This case read has no versions in conflict.</source>
        <translation>Nid oes gan y darlleniad achos hwn fersiynau sy'n gwrthdaro.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="233"/>
        <source>This inspection is signed off: nothing can be changed until it is reopened.</source>
        <translation>Mae'r arolygiad hwn wedi'i gymeradwyo: ni ellir newid dim nes iddo gael ei ailagor.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="237"/>
        <source>Two versions of this read are in conflict: compare them in the Versions in conflict tab.</source>
        <translation>Mae dau fersiwn o'r darlleniad hwn yn gwrthdaro: cymharwch nhw yn y tab Fersiynau sy'n gwrthdaro.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="161"/>
        <source>Versions in conflict</source>
        <translation>Fersiynau sy'n gwrthdaro</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="223"/>
        <source>Versions in conflict (%1)</source>
        <translation>Fersiynau sy'n gwrthdaro (%1)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="172"/>
        <source>Why the judgement should be different</source>
        <translation>Pam y dylai'r farn fod yn wahanol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="163"/>
        <source>Why this version is kept (needed; recorded with the choice)</source>
        <translation>Pam y cedwir y fersiwn hwn (angenrheidiol; fe'i cofnodir gyda'r dewis)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/question.py" line="261"/>
        <source>Write a rationale: every change of a judgement needs one. Nothing was changed.</source>
        <translation>Ysgrifennwch resymeg: mae angen un ar gyfer pob newid i farn. Ni newidiwyd dim.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="254"/>
        <source>Write comments for the reader before returning the read.</source>
        <translation>Ysgrifennwch sylwadau i'r darllenydd cyn dychwelyd y darlleniad.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="144"/>
        <source>Write why you keep this version before choosing it.</source>
        <translation>Ysgrifennwch pam rydych yn cadw'r fersiwn hwn cyn ei ddewis.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/conflict.py" line="182"/>
        <source>Write why, then keep one version: it becomes current and the conflict is resolved. Both versions stay on record.</source>
        <translation>Ysgrifennwch pam, yna cadwch un fersiwn: daw'n gyfredol a chaiff y gwrthdaro ei ddatrys. Mae'r ddau fersiwn yn aros ar gofnod.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/moderation.py" line="242"/>
        <source>not recorded yet</source>
        <translation>heb ei gofnodi eto</translation>
    </message>
</context>
<context>
    <name>CentralRatings</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="165"/>
        <source>&amp;Professional judgement…</source>
        <translation>&amp;Barn broffesiynol…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="166"/>
        <source>&amp;Sign off…</source>
        <translation>&amp;Cymeradwyo…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="85"/>
        <source>Chart: %1</source>
        <translation>Siart: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="210"/>
        <source>Figures from the effective (moderated) answers, as hmip central ratings gives them. ◆ Borderline: the 95% interval crosses a band boundary. %1</source>
        <translation>Ffigurau o'r atebion effeithiol (wedi'u cymedroli), fel y mae hmip central ratings yn eu rhoi. ◆ Ar y ffin: mae'r cyfwng 95% yn croesi ffin band. %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="79"/>
        <source>Key question figures: %1</source>
        <translation>Ffigurau'r cwestiynau allweddol: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="206"/>
        <source>No ratings yet</source>
        <translation>Dim graddau eto</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="176"/>
        <source>Not done: %1</source>
        <translation>Heb ei wneud: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="182"/>
        <source>Not signed off yet.</source>
        <translation>Heb ei gymeradwyo eto.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="167"/>
        <source>Re&amp;open…</source>
        <translation>&amp;Ailagor…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="170"/>
        <source>Reopen the signed-off inspection (recorded and signed)</source>
        <translation>Ailagor yr arolygiad a gymeradwywyd (wedi'i gofnodi a'i lofnodi)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="168"/>
        <source>Set or withdraw a standard's rating by professional judgement</source>
        <translation>Pennu neu dynnu'n ôl radd safon drwy farn broffesiynol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="169"/>
        <source>Sign the ratings with your lead inspector's key and lock the inspection</source>
        <translation>Llofnodi'r graddau â'ch allwedd arolygydd arweiniol a chloi'r arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="181"/>
        <source>Signed off: the ratings are locked until the inspection is reopened.</source>
        <translation>Wedi'i gymeradwyo: mae'r graddau wedi'u cloi nes i'r arolygiad gael ei ailagor.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/ratings.py" line="219"/>
        <source>Thread: %1</source>
        <translation>Thema: %1</translation>
    </message>
</context>
<context>
    <name>CentralReadsModel</name>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="76"/>
        <source>%1 judgement(s)</source>
        <translation>Barnau: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="32"/>
        <source>All case reads</source>
        <translation>Pob darlleniad achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="61"/>
        <source>Case</source>
        <translation>Achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="33"/>
        <source>Complete</source>
        <translation>Wedi'i gwblhau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="62"/>
        <source>Conflict</source>
        <translation>Gwrthdaro</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="33"/>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="80"/>
        <source>In conflict</source>
        <translation>Yn gwrthdaro</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="61"/>
        <source>Moderation</source>
        <translation>Cymedroli</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="33"/>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="78"/>
        <source>Needs re-review</source>
        <translation>Angen ailadolygu</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="34"/>
        <source>Not complete</source>
        <translation>Heb ei gwblhau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="61"/>
        <source>QA</source>
        <translation>SA</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="32"/>
        <source>QA still to finish</source>
        <translation>SA i'w orffen o hyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="61"/>
        <source>Re-review</source>
        <translation>Ailadolygu</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="61"/>
        <source>Reader</source>
        <translation>Darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="32"/>
        <source>Selected for QA</source>
        <translation>Wedi'u dewis ar gyfer SA</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_reads.py" line="61"/>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
</context>
<context>
    <name>CentralTables</name>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="203"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="206"/>
        <source>%1: %2 (score %3)</source>
        <translation>%1: %2 (sgôr %3)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="205"/>
        <source>%1: no rating</source>
        <translation>%1: dim gradd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="189"/>
        <source>95% interval</source>
        <translation>Cyfwng 95%</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="190"/>
        <source>Band</source>
        <translation>Band</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="191"/>
        <source>Borderline</source>
        <translation>Ar y ffin</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="139"/>
        <source>Case reads</source>
        <translation>Darlleniadau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="140"/>
        <source>Complete</source>
        <translation>Wedi'u cwblhau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="142"/>
        <source>Judgements moderated</source>
        <translation>Barnau a gymedrolwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="144"/>
        <source>Kappa (95% interval)</source>
        <translation>Kappa (cyfwng 95%)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="183"/>
        <source>Key question</source>
        <translation>Cwestiwn allweddol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="145"/>
        <source>Needs more QA</source>
        <translation>Angen mwy o SA</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="159"/>
        <source>Not rated</source>
        <translation>Heb ei graddio</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="185"/>
        <source>On evidence</source>
        <translation>Ar sail tystiolaeth</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="223"/>
        <source>Overall: %1 (score %2)</source>
        <translation>Yn gyffredinol: %1 (sgôr %2)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="222"/>
        <source>Overall: no rating</source>
        <translation>Yn gyffredinol: dim gradd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="188"/>
        <source>Percent</source>
        <translation>Canran</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="138"/>
        <source>Reader</source>
        <translation>Darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="141"/>
        <source>Selected for QA</source>
        <translation>Yn y sampl SA</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="184"/>
        <source>Sufficient / applicable</source>
        <translation>Digonol / perthnasol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="192"/>
        <source>The 95% interval crosses a band boundary: more cases could change the band.</source>
        <translation>Mae'r cyfwng 95% yn croesi ffin band: gallai rhagor o achosion newid y band.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="143"/>
        <source>Unchanged</source>
        <translation>Heb eu newid</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="145"/>
        <source>Yes</source>
        <translation>Oes</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="209"/>
        <source>professional judgement; computed: %1</source>
        <translation>barn broffesiynol; wedi'i gyfrifo: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="132"/>
        <source>too few judgements (at least %1)</source>
        <translation>rhy ychydig o farnau (o leiaf %1)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/models/central_tables.py" line="191"/>
        <source>◆ Borderline</source>
        <translation>◆ Ar y ffin</translation>
    </message>
</context>
<context>
    <name>CentralWindow</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="92"/>
        <source>%1 (computed: %2)</source>
        <translation>%1 (wedi'i gyfrifo: %2)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="38"/>
        <source>%1 already held</source>
        <translation>%1 eisoes wedi'u cadw</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="319"/>
        <source>%1 case reads</source>
        <translation>Darlleniadau achos: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="212"/>
        <source>%1 case reads chosen for QA with seed %2.</source>
        <translation>Dewiswyd %1 darlleniad achos ar gyfer SA gyda hedyn %2.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="37"/>
        <source>%1 in conflict</source>
        <translation>%1 yn gwrthdaro</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="37"/>
        <source>%1 now current</source>
        <translation>%1 bellach yn gyfredol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="256"/>
        <source>%1 of %2 bundle(s) imported.</source>
        <translation>Mewnforiwyd %1 o %2 bwndel.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="37"/>
        <source>%1 older than held</source>
        <translation>%1 yn hŷn na'r hyn a gedwir</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="47"/>
        <source>%1: already imported; nothing changed</source>
        <translation>%1: wedi'i fewnforio eisoes; ni newidiodd dim</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="50"/>
        <source>%1: imported into inspection %2: %3</source>
        <translation>%1: wedi'i fewnforio i arolygiad %2: %3</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="45"/>
        <source>%1: refused: %2</source>
        <translation>%1: gwrthodwyd: %2</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="232"/>
        <source>&amp;Case read</source>
        <translation>Darlleniad a&amp;chos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="232"/>
        <source>&amp;Dashboard</source>
        <translation>Dangos&amp;fwrdd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="234"/>
        <source>&amp;Evidence</source>
        <translation>&amp;Tystiolaeth</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="226"/>
        <source>&amp;File</source>
        <translation>&amp;Ffeil</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="227"/>
        <source>&amp;Go</source>
        <translation>&amp;Mynd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="229"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="230"/>
        <source>&amp;Import bundles…</source>
        <translation>&amp;Mewnforio bwndeli…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="230"/>
        <source>&amp;Keyboard shortcuts and help</source>
        <translation>&amp;Llwybrau byr bysellfwrdd a chymorth</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="228"/>
        <source>&amp;Language</source>
        <translation>&amp;Iaith</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="237"/>
        <source>&amp;Moderator: </source>
        <translation>&amp;Cymedrolwr: </translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="230"/>
        <source>&amp;Quit</source>
        <translation>&amp;Gadael</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="102"/>
        <source>&amp;Rating:</source>
        <translation>&amp;Gradd:</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="230"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Adnewyddu</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="73"/>
        <source>A reason is needed: it is recorded with the decision.</source>
        <translation>Mae angen rheswm: caiff ei gofnodi gyda'r penderfyniad.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="239"/>
        <source>Bundles (*.bundle);;All files (*)</source>
        <translation>Bwndeli (*.bundle);;Pob ffeil (*)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="294"/>
        <source>Cannot open the central store</source>
        <translation>Methu agor y storfa ganolog</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="227"/>
        <source>Case %1 added to the QA sample.</source>
        <translation>Ychwanegwyd achos %1 at y sampl SA.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="243"/>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="419"/>
        <source>Case read</source>
        <translation>Darlleniad achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="247"/>
        <source>Choose a case read on the dashboard and press Enter to moderate it.</source>
        <translation>Dewiswch ddarlleniad achos ar y dangosfwrdd a phwyswch Enter i'w gymedroli.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="464"/>
        <source>Choose the moderator's judgement</source>
        <translation>Dewis barn y cymedrolwr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="185"/>
        <source>Choose your lead inspector's key folder</source>
        <translation>Dewiswch ffolder eich allwedd arolygydd arweiniol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="144"/>
        <source>Conflict resolved: the version kept is now current for case %1.</source>
        <translation>Gwrthdaro wedi'i ddatrys: y fersiwn a gadwyd sy'n gyfredol bellach ar gyfer achos %1.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="242"/>
        <source>Dashboard</source>
        <translation>Dangosfwrdd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="245"/>
        <source>Evidence</source>
        <translation>Tystiolaeth</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="233"/>
        <source>I&amp;nspections</source>
        <translation>&amp;Arolygiadau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="238"/>
        <source>Import bundles</source>
        <translation>Mewnforio bwndeli</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="248"/>
        <source>Importing bundles…</source>
        <translation>Wrthi'n mewnforio bwndeli…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="231"/>
        <source>Inspection &amp;report…</source>
        <translation>&amp;Adroddiad yr arolygiad…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="231"/>
        <source>Inspection reopened: changes can be made again.</source>
        <translation>Arolygiad wedi'i ailagor: gellir gwneud newidiadau eto.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="114"/>
        <source>Inspection report</source>
        <translation>Adroddiad yr arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="230"/>
        <source>Inspection signed off: it is locked until it is reopened.</source>
        <translation>Arolygiad wedi'i gymeradwyo: mae wedi'i gloi nes iddo gael ei ailagor.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="241"/>
        <source>Inspections</source>
        <translation>Arolygiadau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="167"/>
        <source>Judgement agreed.</source>
        <translation>Cytunwyd â'r farn.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="167"/>
        <source>Judgement changed; the ratings are updated.</source>
        <translation>Newidiwyd y farn; mae'r graddau wedi'u diweddaru.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="467"/>
        <source>Keyboard shortcuts</source>
        <translation>Llwybrau byr bysellfwrdd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="238"/>
        <source>Moderator</source>
        <translation>Cymedrolwr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="465"/>
        <source>Next or previous control</source>
        <translation>Y rheolydd nesaf neu flaenorol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="99"/>
        <source>Not rated</source>
        <translation>Heb ei graddio</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="189"/>
        <source>Outcome recorded for case %1.</source>
        <translation>Cofnodwyd y canlyniad ar gyfer achos %1.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="115"/>
        <source>PDF report (*.pdf);;Accessible web page (*.html)</source>
        <translation>Adroddiad PDF (*.pdf);;Tudalen we hygyrch (*.html)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="84"/>
        <source>Professional judgement</source>
        <translation>Barn broffesiynol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="178"/>
        <source>Professional judgement recorded; the ratings are updated.</source>
        <translation>Barn broffesiynol wedi'i chofnodi; mae'r graddau wedi'u diweddaru.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="233"/>
        <source>R&amp;atings</source>
        <translation>&amp;Graddau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="95"/>
        <source>Rating by professional judgement</source>
        <translation>Gradd drwy farn broffesiynol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="244"/>
        <source>Ratings</source>
        <translation>Graddau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="84"/>
        <source>Reason (recorded):</source>
        <translation>Rheswm (caiff ei gofnodi):</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="203"/>
        <source>Reopen the inspection</source>
        <translation>Ailagor yr arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="132"/>
        <source>Report written to %1</source>
        <translation>Ysgrifennwyd yr adroddiad i %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="101"/>
        <source>S&amp;tandard:</source>
        <translation>&amp;Safon:</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="88"/>
        <source>Standard</source>
        <translation>Safon</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="465"/>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Shift+Tab</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="467"/>
        <source>The lead guide (docs/lead-guide.md, installed with the application) explains importing, quality assurance, moderation, consistency, ratings and sign-off.</source>
        <translation>Mae canllaw'r arweinydd (docs/lead-guide.md, a osodir gyda'r rhaglen) yn esbonio mewnforio, sicrhau ansawdd, cymedroli, cysondeb, graddau a chymeradwyo.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="239"/>
        <source>The lead inspector recorded with every moderation and QA action (the one whose key is in use is chosen)</source>
        <translation>Yr arolygydd arweiniol a gofnodir gyda phob cam cymedroli a sicrhau ansawdd (dewisir yr un y mae ei allwedd yn cael ei defnyddio)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="451"/>
        <source>This inspection has no lead inspector on its team: set its team up first.</source>
        <translation>Nid oes arolygydd arweiniol yn nhîm yr arolygiad hwn: gosodwch ei dîm yn gyntaf.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="203"/>
        <source>Why it is reopened (recorded):</source>
        <translation>Pam y caiff ei ailagor (caiff ei gofnodi):</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/decisions.py" line="100"/>
        <source>Withdraw the override (use the computed rating)</source>
        <translation>Tynnu'r newid yn ôl (defnyddio'r radd a gyfrifwyd)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="266"/>
        <source>Working…</source>
        <translation>Wrthi'n gweithio…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="137"/>
        <source>Writing the report…</source>
        <translation>Wrthi'n ysgrifennu'r adroddiad…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="464"/>
        <source>Y, N, A or 1–9</source>
        <translation>Y, N, A neu 1–9</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="225"/>
        <source>hmip-desktop: central store</source>
        <translation>hmip-desktop: storfa ganolog</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/actions.py" line="51"/>
        <source>no case reads</source>
        <translation>dim darlleniadau achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/central/window.py" line="319"/>
        <source>signed off</source>
        <translation>wedi'i gymeradwyo</translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="202"/>
        <source>Assigned to %1 at set-up: only they record its judgements here.</source>
        <translation>Neilltuwyd i %1 wrth osod: dim ond nhw sy'n cofnodi ei barnau yma.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="232"/>
        <source>Choose a judgement first.</source>
        <translation>Dewiswch farn yn gyntaf.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="128"/>
        <source>Judgements on evidence: the team's judgement of each key question, with a summary of the evidence, and the band decided by the lead inspector, with the rationale</source>
        <translation>Barnau ar dystiolaeth: barn y tîm ar bob cwestiwn allweddol, gyda chrynodeb o'r dystiolaeth, a'r band a benderfynwyd gan yr arolygydd arweiniol, gyda'r rhesymeg</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="203"/>
        <source>Local assessors do not judge the evidence about their own organisation.</source>
        <translation>Nid yw aseswyr lleol yn barnu'r dystiolaeth am eu sefydliad eu hunain.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="158"/>
        <source>Not rated</source>
        <translation>Heb ei raddio</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="252"/>
        <source>Not recorded: %1</source>
        <translation>Heb ei gofnodi: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="216"/>
        <source>Nothing recorded yet.</source>
        <translation>Dim wedi'i gofnodi eto.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="160"/>
        <source>Rationale:</source>
        <translation>Rhesymeg:</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="161"/>
        <source>Record band</source>
        <translation>Cofnodi'r band</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="156"/>
        <source>Record judgement</source>
        <translation>Cofnodi'r farn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="248"/>
        <source>Recorded. The next export sends it to the central store.</source>
        <translation>Cofnodwyd. Bydd yr allforio nesaf yn ei anfon i'r storfa ganolog.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="220"/>
        <source>Recorded: %1, by %2, %3 (%4): %5</source>
        <translation>Cofnodwyd: %1, gan %2, %3 (%4): %5</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="237"/>
        <source>Saving…</source>
        <translation>Wrthi'n cadw…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="155"/>
        <source>Summary of the evidence:</source>
        <translation>Crynodeb o'r dystiolaeth:</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="159"/>
        <source>The standard's band, decided by the lead inspector</source>
        <translation>Band y safon, a benderfynwyd gan yr arolygydd arweiniol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="131"/>
        <source>This inspection's framework has no standards judged on evidence.</source>
        <translation>Nid oes gan fframwaith yr arolygiad hwn safonau a farnwyd ar dystiolaeth.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="219"/>
        <source>confirmed by the central store</source>
        <translation>wedi'i gadarnhau gan y storfa ganolog</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="219"/>
        <source>not yet sent or confirmed</source>
        <translation>heb ei anfon na'i gadarnhau eto</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="169"/>
        <source>— choose —</source>
        <translation>— dewiswch —</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/evidence_page.py" line="127"/>
        <source>← Case list</source>
        <translation>← Rhestr achosion</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="118"/>
        <source>%1

Choose the folder that holds your key (public.key and private.pem) next time.</source>
        <translation>%1

Y tro nesaf, dewiswch y ffolder sy'n dal eich allwedd (public.key a private.pem).</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="179"/>
        <source>Bundle written to %1: %2 case reads, %3 changed since the last export.</source>
        <translation>Ysgrifennwyd y bwndel i %1: darlleniadau achos: %2; wedi newid ers yr allforio diwethaf: %3.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="156"/>
        <source>Bundles (*.bundle)</source>
        <translation>Bwndeli (*.bundle)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="140"/>
        <source>Cannot export</source>
        <translation>Methu allforio</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="143"/>
        <source>Cannot export yet</source>
        <translation>Methu allforio eto</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="156"/>
        <source>Export bundle</source>
        <translation>Allforio bwndel</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="175"/>
        <source>Exporting the bundle…</source>
        <translation>Wrthi'n allforio'r bwndel…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="235"/>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="239"/>
        <source>Import inspection pack</source>
        <translation>Mewnforio pecyn arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="148"/>
        <source>Import inspection pack…</source>
        <translation>Mewnforio pecyn arolygiad…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="199"/>
        <source>Import receipt</source>
        <translation>Mewnforio derbynneb</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="268"/>
        <source>Importing the inspection pack…</source>
        <translation>Wrthi'n mewnforio pecyn yr arolygiad…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="215"/>
        <source>Importing the receipt…</source>
        <translation>Wrthi'n mewnforio'r dderbynneb…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="264"/>
        <source>Inspection %1 is ready on this laptop: %2 case reads.</source>
        <translation>Mae arolygiad %1 yn barod ar y gliniadur hwn: %2 darlleniad achos.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="236"/>
        <source>Inspection packs (*.pack);;All files (*)</source>
        <translation>Pecynnau arolygiad (*.pack);;Pob ffeil (*)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="182"/>
        <source>It also carries %1 judgement(s) on evidence.</source>
        <translation>Mae hefyd yn cario %1 barn ar dystiolaeth.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="223"/>
        <source>It confirms %1 judgement(s) on evidence.</source>
        <translation>Mae'n cadarnhau %1 barn ar dystiolaeth.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="273"/>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="274"/>
        <source>Not done</source>
        <translation>Heb ei wneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="220"/>
        <source>Receipt recorded: the central store holds %1 case read(s) as you sent them.</source>
        <translation>Cofnodwyd y dderbynneb: mae'r storfa ganolog yn dal %1 darlleniad achos fel y'u hanfonwyd gennych.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="199"/>
        <source>Receipts (*.receipt)</source>
        <translation>Derbynebau (*.receipt)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="189"/>
        <source>Some case reads were not sent</source>
        <translation>Ni anfonwyd rhai darlleniadau achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="93"/>
        <source>That passphrase does not unlock your key. Type it again:</source>
        <translation>Nid yw'r cyfrinymadrodd hwnnw'n datgloi eich allwedd. Teipiwch ef eto:</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="239"/>
        <source>The fingerprint of your lead inspector's key, as they gave it to you (at least 16 characters):</source>
        <translation>Ôl bys allwedd eich arolygydd arweiniol, fel y'i rhoddwyd i chi (o leiaf 16 nod):</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="91"/>
        <source>The passphrase of your key (it is not in this computer's keyring):</source>
        <translation>Cyfrinymadrodd eich allwedd (nid yw yng nghylch allweddi'r cyfrifiadur hwn):</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="143"/>
        <source>This laptop does not know its central store yet, so there is nowhere to send case reads to. Import the inspection pack your lead inspector sent you first (File → Import inspection pack…). The demo inspection is for practice and cannot be exported.</source>
        <translation>Nid yw'r gliniadur hwn yn gwybod am ei storfa ganolog eto, felly nid oes unman i anfon darlleniadau achos iddo. Mewnforiwch y pecyn arolygiad a anfonodd eich arolygydd arweiniol atoch yn gyntaf (Ffeil → Mewnforio pecyn arolygiad…). Mae'r arolygiad enghreifftiol ar gyfer ymarfer ac ni ellir ei allforio.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="227"/>
        <source>This receipt was recorded before: nothing changed.</source>
        <translation>Cofnodwyd y dderbynneb hon o'r blaen: ni newidiodd dim.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="94"/>
        <source>Unlock your key</source>
        <translation>Datgloi eich allwedd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="117"/>
        <source>Your key cannot be used</source>
        <translation>Ni ellir defnyddio eich allwedd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/exchange_actions.py" line="58"/>
        <source>Your key folder</source>
        <translation>Ffolder eich allwedd</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="268"/>
        <source>%1 change(s) could not be saved. Close anyway and lose them?</source>
        <translation>Nid oedd modd cadw %1 newid. Cau beth bynnag a'u colli?</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="168"/>
        <source>&amp;Case list</source>
        <translation>&amp;Rhestr achosion</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="174"/>
        <source>&amp;Check audit trail…</source>
        <translation>&amp;Gwirio'r trywydd archwilio…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="163"/>
        <source>&amp;Edit</source>
        <translation>&amp;Golygu</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="174"/>
        <source>&amp;Export bundle…</source>
        <translation>&amp;Allforio bwndel…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="158"/>
        <source>&amp;File</source>
        <translation>&amp;Ffeil</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="169"/>
        <source>&amp;Find case</source>
        <translation>&amp;Canfod achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="164"/>
        <source>&amp;Go</source>
        <translation>&amp;Mynd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="166"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="176"/>
        <source>&amp;Judgements on evidence</source>
        <translation>Barnau ar d&amp;ystiolaeth</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="173"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Llwybrau byr bysellfwrdd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="165"/>
        <source>&amp;Language</source>
        <translation>&amp;Iaith</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="172"/>
        <source>&amp;Mark complete or reopen</source>
        <translation>&amp;Marcio'n gyflawn neu ailagor</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="171"/>
        <source>&amp;Next case</source>
        <translation>&amp;Achos nesaf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="175"/>
        <source>&amp;Open field store…</source>
        <translation>&amp;Agor storfa maes…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="170"/>
        <source>&amp;Previous question</source>
        <translation>Cwestiwn &amp;blaenorol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="173"/>
        <source>&amp;Quit</source>
        <translation>&amp;Gadael</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="168"/>
        <source>&amp;Redo</source>
        <translation>&amp;Ailwneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="168"/>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="378"/>
        <source>All changes saved</source>
        <translation>Cadwyd pob newid</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="478"/>
        <source>Answer a judgement</source>
        <translation>Rhoi barn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="466"/>
        <source>Audit check cancelled.</source>
        <translation>Diddymwyd y gwiriad archwilio.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="460"/>
        <source>Audit trail broken at event %1.</source>
        <translation>Mae'r trywydd archwilio wedi'i dorri wrth ddigwyddiad %1.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="458"/>
        <source>Audit trail intact: %1 events.</source>
        <translation>Mae'r trywydd archwilio'n gyfan: %1 digwyddiad.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="431"/>
        <source>Case %1 is marked complete. Reopen it for changes?</source>
        <translation>Mae achos %1 wedi'i farcio'n gyflawn. Ei ailagor i wneud newidiadau?</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="267"/>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="378"/>
        <source>Changes not saved</source>
        <translation>Newidiadau heb eu cadw</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="451"/>
        <source>Checking the audit trail…</source>
        <translation>Wrthi'n gwirio'r trywydd archwilio…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="479"/>
        <source>Clear an answer</source>
        <translation>Clirio ateb</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="479"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="480"/>
        <source>Enter in Find case</source>
        <translation>Enter yn Canfod achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="175"/>
        <source>Import &amp;receipt…</source>
        <translation>Mewnforio &amp;derbynneb…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="176"/>
        <source>Import inspection &amp;pack…</source>
        <translation>Mewnforio &amp;pecyn arolygiad…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="169"/>
        <source>Next &amp;question</source>
        <translation>Cwestiwn &amp;nesaf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="170"/>
        <source>Next &amp;standard</source>
        <translation>&amp;Safon nesaf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="398"/>
        <source>Nothing to undo or redo</source>
        <translation>Dim byd i'w ddadwneud na'i ailwneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="159"/>
        <source>Open &amp;recent</source>
        <translation>Agor storfa &amp;ddiweddar</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="480"/>
        <source>Open the case found</source>
        <translation>Agor yr achos a ganfuwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="171"/>
        <source>P&amp;revious standard</source>
        <translation>Safon b&amp;laenorol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="172"/>
        <source>Pre&amp;vious case</source>
        <translation>Achos bla&amp;enorol</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="376"/>
        <source>Read-only: nothing can be changed</source>
        <translation>Darllen yn unig: ni ellir newid dim</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="430"/>
        <source>Reopen case read</source>
        <translation>Ailagor darlleniad achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="378"/>
        <source>Saving…</source>
        <translation>Yn cadw…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="478"/>
        <source>Y, N, A or 1–9</source>
        <translation>Y, N, A neu 1–9</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="157"/>
        <source>hmip-desktop: case reading</source>
        <translation>hmip-desktop: darllen achosion</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="156"/>
        <source>read-only: %1</source>
        <translation>darllen yn unig: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/main_window.py" line="245"/>
        <source>read-only: %1 (this file may not be written; nothing can be changed)</source>
        <translation>darllen yn unig: %1 (ni ellir ysgrifennu i'r ffeil hon; ni ellir newid dim)</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <location filename="../../hmip_desktop/ui/ops.py" line="164"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
</context>
<context>
    <name>ProfilePanel</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/profile_panel.py" line="87"/>
        <source>Case holder interview</source>
        <translation>Cyfweliad â deiliad yr achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/profile_panel.py" line="81"/>
        <source>Case profile</source>
        <translation>Proffil yr achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/profile_panel.py" line="91"/>
        <source>Date</source>
        <translation>Dyddiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/profile_panel.py" line="93"/>
        <source>Interview date</source>
        <translation>Dyddiad y cyfweliad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/profile_panel.py" line="90"/>
        <source>Interview held</source>
        <translation>Cynhaliwyd cyfweliad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/profile_panel.py" line="88"/>
        <source>Interview held *</source>
        <translation>Cynhaliwyd cyfweliad *</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/profile_panel.py" line="95"/>
        <source>Interview notes</source>
        <translation>Nodiadau'r cyfweliad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/profile_panel.py" line="94"/>
        <source>Notes</source>
        <translation>Nodiadau</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="53"/>
        <source>&amp;Finish</source>
        <translation>&amp;Gorffen</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="51"/>
        <source>&amp;Next</source>
        <translation>&amp;Nesaf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="51"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Nesaf &gt;</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="50"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Yn ôl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="54"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="52"/>
        <source>Commit</source>
        <translation>Ymrwymo</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="51"/>
        <source>Continue</source>
        <translation>Parhau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="53"/>
        <source>Done</source>
        <translation>Wedi gorffen</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="50"/>
        <source>Go Back</source>
        <translation>Mynd yn ôl</translation>
    </message>
</context>
<context>
    <name>QuestionWidget</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/question_widget.py" line="116"/>
        <source>A judgement is needed.</source>
        <translation>Mae angen barn.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/question_widget.py" line="116"/>
        <source>An answer is needed.</source>
        <translation>Mae angen ateb.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/question_widget.py" line="118"/>
        <source>An evidence note is needed.</source>
        <translation>Mae angen nodyn tystiolaeth.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/question_widget.py" line="89"/>
        <source>Evidence note (optional)</source>
        <translation>Nodyn tystiolaeth (dewisol)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/question_widget.py" line="89"/>
        <source>Evidence note (required)</source>
        <translation>Nodyn tystiolaeth (gofynnol)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/question_widget.py" line="90"/>
        <source>Evidence note for %1</source>
        <translation>Nodyn tystiolaeth ar gyfer %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/question_widget.py" line="84"/>
        <source>Prompts</source>
        <translation>Ysgogiadau</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="142"/>
        <source>%1 is not a date: type it as dd/mm/yyyy.</source>
        <translation>Nid yw %1 yn ddyddiad: teipiwch ef fel dd/mm/bbbb.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="158"/>
        <source>%1: cannot read the team file (%2)</source>
        <translation>%1: ni ellir darllen ffeil y tîm (%2)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="155"/>
        <source>%1: is not UTF-8 text; save the team as CSV UTF-8</source>
        <translation>%1: nid yw'n destun UTF-8; cadwch y tîm fel CSV UTF-8</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="265"/>
        <source>Allocation and replacements</source>
        <translation>Dyraniad ac amnewid</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/assign_page.py" line="78"/>
        <source>Any team member</source>
        <translation>Unrhyw aelod o'r tîm</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/common.py" line="21"/>
        <source>Browse for %1</source>
        <translation>Pori am %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/common.py" line="20"/>
        <source>Browse…</source>
        <translation>Pori…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="144"/>
        <source>CSV files (*.csv)</source>
        <translation>Ffeiliau CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="271"/>
        <source>Case</source>
        <translation>Achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="222"/>
        <source>Caseload</source>
        <translation>Llwyth achosion</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="190"/>
        <source>Caseload (CSV or XLSX)</source>
        <translation>Llwyth achosion (CSV neu XLSX)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="183"/>
        <source>Caseload and sample</source>
        <translation>Llwyth achosion a sampl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="189"/>
        <source>Caseload file</source>
        <translation>Ffeil y llwyth achosion</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="99"/>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="101"/>
        <source>Caseload size</source>
        <translation>Maint y llwyth achosion</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="222"/>
        <source>Caseloads (*.csv *.xlsx)</source>
        <translation>Llwythi achosion (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="39"/>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="40"/>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="119"/>
        <source>Central store</source>
        <translation>Storfa ganolog</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="119"/>
        <source>Central store (*.sqlite)</source>
        <translation>Storfa ganolog (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="266"/>
        <source>Change a reader, or replace a case that cannot be read with the next reserve.</source>
        <translation>Newidiwch ddarllenydd, neu rhowch yr achos wrth gefn nesaf yn lle achos na ellir ei ddarllen.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="35"/>
        <source>Choose the central store, the framework and the inspection's details.</source>
        <translation>Dewiswch y storfa ganolog, y fframwaith a manylion yr arolygiad.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/assign_page.py" line="22"/>
        <source>Choose who records the team's judgements of each standard judged on evidence (often the lead). Local assessors are not offered: the evidence is about their own organisation.</source>
        <translation>Dewiswch pwy sy'n cofnodi barnau'r tîm ar bob safon a fernir ar sail tystiolaeth (yr arweinydd yn aml). Ni chynigir aseswyr lleol: mae'r dystiolaeth am eu sefydliad eu hunain.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="353"/>
        <source>Create the pack</source>
        <translation>Creu'r pecyn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="393"/>
        <source>Creating the pack…</source>
        <translation>Wrthi'n creu'r pecyn…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="203"/>
        <source>Draw the sample</source>
        <translation>Tynnu'r sampl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="235"/>
        <source>Drawing the sample…</source>
        <translation>Wrthi'n tynnu'r sampl…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="63"/>
        <source>Fieldwork ends</source>
        <translation>Diwedd y gwaith maes</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="62"/>
        <source>Fieldwork starts</source>
        <translation>Dechrau'r gwaith maes</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="49"/>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="59"/>
        <source>Framework</source>
        <translation>Fframwaith</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="138"/>
        <source>Id</source>
        <translation>Dynodydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="61"/>
        <source>Inspection id</source>
        <translation>Dynodydd yr arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="376"/>
        <source>Inspection packs (*.pack)</source>
        <translation>Pecynnau arolygiad (*.pack)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/assign_page.py" line="21"/>
        <source>Judgements on evidence</source>
        <translation>Barnau ar dystiolaeth</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="138"/>
        <source>Key</source>
        <translation>Allwedd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="43"/>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="44"/>
        <source>Keys folder</source>
        <translation>Ffolder yr allweddi</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="241"/>
        <source>Left out before the draw: %1</source>
        <translation>Wedi'u gadael allan cyn tynnu'r sampl: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="132"/>
        <source>Load team CSV…</source>
        <translation>Llwytho CSV y tîm…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="184"/>
        <source>Load the provider's caseload, check the size, and draw the sample.</source>
        <translation>Llwythwch ffeil llwyth achosion y darparwr, gwiriwch y maint, a thynnwch y sampl.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="129"/>
        <source>Load the team from a CSV file with the columns id, name, role and key_id.</source>
        <translation>Llwythwch y tîm o ffeil CSV sydd â'r colofnau id, name, role a key_id.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="138"/>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="46"/>
        <source>Needed for a postgresql:// store; a file keeps its keys beside it</source>
        <translation>Ei angen ar gyfer storfa postgresql://; mae ffeil yn cadw ei hallweddi wrth ei hochr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="115"/>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="116"/>
        <source>Not done</source>
        <translation>Heb ei wneud</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="100"/>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="114"/>
        <source>Not recorded</source>
        <translation>Heb ei gofnodi</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="23"/>
        <source>Other</source>
        <translation>Arall</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="364"/>
        <source>Pack saved. Give the team this fingerprint to trust when they import it: %1</source>
        <translation>Cadwyd y pecyn. Rhowch yr ôl bys hwn i'r tîm, er mwyn iddynt ymddiried ynddo wrth fewnforio'r pecyn: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="22"/>
        <source>Probation area (2003 method)</source>
        <translation>Ardal brawf (dull 2003)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="19"/>
        <source>Probation delivery unit</source>
        <translation>Uned cyflawni gwasanaethau prawf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="20"/>
        <source>Probation region</source>
        <translation>Rhanbarth prawf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="61"/>
        <source>Provider</source>
        <translation>Darparwr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="88"/>
        <source>Provider family</source>
        <translation>Teulu'r darparwr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="81"/>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="84"/>
        <source>Provider type</source>
        <translation>Math o ddarparwr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="194"/>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="195"/>
        <source>Random seed</source>
        <translation>Hedyn hap</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="271"/>
        <source>Reader</source>
        <translation>Darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="307"/>
        <source>Reader of case %1</source>
        <translation>Darllenydd achos %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/assign_page.py" line="29"/>
        <source>Recorded by</source>
        <translation>Cofnodir gan</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="87"/>
        <source>Region</source>
        <translation>Rhanbarth</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="331"/>
        <source>Replace a case</source>
        <translation>Amnewid achos</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="275"/>
        <source>Replace the selected case…</source>
        <translation>Amnewid yr achos a ddewiswyd…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="138"/>
        <source>Role</source>
        <translation>Rôl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="270"/>
        <source>Sample and readers</source>
        <translation>Sampl a darllenwyr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="216"/>
        <source>Sample report</source>
        <translation>Adroddiad y sampl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="199"/>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="200"/>
        <source>Sample size</source>
        <translation>Maint y sampl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="350"/>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="351"/>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="375"/>
        <source>Save the pack as</source>
        <translation>Cadw'r pecyn fel</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="64"/>
        <source>Set up an inspection</source>
        <translation>Sefydlu arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="342"/>
        <source>Sign the pack with your lead inspector key and save it for the team.</source>
        <translation>Llofnodwch y pecyn â'ch allwedd fel arolygydd arweiniol, a'i gadw ar gyfer y tîm.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/assign_page.py" line="29"/>
        <source>Standard</source>
        <translation>Safon</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/assign_page.py" line="28"/>
        <source>Standards judged on evidence and who records them</source>
        <translation>Safonau a fernir ar sail tystiolaeth a phwy sy'n eu cofnodi</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="271"/>
        <source>Stratum</source>
        <translation>Haen</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="137"/>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="144"/>
        <source>Team</source>
        <translation>Tîm</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="34"/>
        <source>The inspection</source>
        <translation>Yr arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="341"/>
        <source>The inspection pack</source>
        <translation>Pecyn yr arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="128"/>
        <source>The team</source>
        <translation>Y tîm</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="62"/>
        <source>Title</source>
        <translation>Teitl</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/assign_page.py" line="79"/>
        <source>Who records %1</source>
        <translation>Pwy sy'n cofnodi %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="332"/>
        <source>Why can case %1 not be read?</source>
        <translation>Pam na ellir darllen achos %1?</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="346"/>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="347"/>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="370"/>
        <source>Your key folder</source>
        <translation>Ffolder eich allwedd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="21"/>
        <source>Youth justice service</source>
        <translation>Gwasanaeth cyfiawnder ieuenctid</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/wizard.py" line="198"/>
        <source>automatic</source>
        <translation>awtomatig</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="68"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/bbbb</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="87"/>
        <source>for example: Wales, North West</source>
        <translation>er enghraifft: Cymru, Gogledd-orllewin</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/setup/inspection_page.py" line="88"/>
        <source>like providers, for example: Rural</source>
        <translation>darparwyr tebyg, er enghraifft: Gwledig</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/shortcuts_dialog.py" line="37"/>
        <source> or </source>
        <translation> neu </translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/shortcuts_dialog.py" line="51"/>
        <source>Action</source>
        <translation>Gweithred</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/shortcuts_dialog.py" line="47"/>
        <location filename="../../hmip_desktop/ui/views/field/shortcuts_dialog.py" line="52"/>
        <source>Keyboard shortcuts</source>
        <translation>Llwybrau byr bysellfwrdd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/shortcuts_dialog.py" line="51"/>
        <source>Keys</source>
        <translation>Bysellau</translation>
    </message>
</context>
<context>
    <name>StoreMenu</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/store_menu.py" line="91"/>
        <source>&amp;Open a field store…</source>
        <translation>&amp;Agor storfa maes…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/store_menu.py" line="170"/>
        <source>Cannot open the field store</source>
        <translation>Methu agor y storfa maes</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/store_menu.py" line="178"/>
        <source>Cannot open the field store: %1</source>
        <translation>Methu agor y storfa maes: %1</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/store_menu.py" line="49"/>
        <source>Field stores (*.sqlite *.db);;All files (*)</source>
        <translation>Storfeydd maes (*.sqlite *.db);;Pob ffeil (*)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/store_menu.py" line="90"/>
        <source>No field store is open</source>
        <translation>Nid oes storfa maes ar agor</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/store_menu.py" line="48"/>
        <source>Open a field store</source>
        <translation>Agor storfa maes</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/store_menu.py" line="101"/>
        <source>Open recent store</source>
        <translation>Agor storfa ddiweddar</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="315"/>
        <source>%1 bundle(s) waiting: unlock your key to send (File → Sync now)</source>
        <translation>%1 bwndel yn aros: datglowch eich allwedd i'w hanfon (Ffeil → Cysoni nawr)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="302"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="363"/>
        <source>&amp;Keep for now</source>
        <translation>&amp;Cadw am y tro</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="362"/>
        <source>&amp;Remove from this laptop</source>
        <translation>&amp;Tynnu oddi ar y gliniadur hwn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="113"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Cysoni nawr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="424"/>
        <source>Bundle</source>
        <translation>Bwndel</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="147"/>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Tystysgrifau (*.pem *.crt);;Pob ffeil (*)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="424"/>
        <source>Exported</source>
        <translation>Allforiwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="424"/>
        <source>Inspection</source>
        <translation>Arolygiad</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="390"/>
        <source>Inspection %1 removed from this laptop: %2 cases.</source>
        <translation>Tynnwyd arolygiad %1 oddi ar y gliniadur hwn: %2 achos.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="425"/>
        <source>Last problem</source>
        <translation>Problem ddiwethaf</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="397"/>
        <source>No inspection on this laptop</source>
        <translation>Dim arolygiad ar y gliniadur hwn</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="401"/>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="402"/>
        <source>Not removed</source>
        <translation>Heb ei dynnu</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="335"/>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="338"/>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="339"/>
        <source>Not synced</source>
        <translation>Heb gysoni</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="114"/>
        <source>O&amp;utbox…</source>
        <translation>&amp;Blwch allan…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="320"/>
        <source>Offline, %1 waiting</source>
        <translation>All-lein, %1 yn aros</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="423"/>
        <source>Outbox</source>
        <translation>Blwch allan</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="302"/>
        <source>Refused by the central store</source>
        <translation>Gwrthodwyd gan y storfa ganolog</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="353"/>
        <source>Remove the inspection from this laptop?</source>
        <translation>Tynnu'r arolygiad oddi ar y gliniadur hwn?</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="286"/>
        <source>Sending… %1%</source>
        <translation>Yn anfon… %1%</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="424"/>
        <source>State</source>
        <translation>Cyflwr</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="115"/>
        <source>Sync se&amp;ttings…</source>
        <translation>Gosodiadau c&amp;ysoni…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="139"/>
        <source>Sync settings</source>
        <translation>Gosodiadau cysoni</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="325"/>
        <source>Sync stopped midway, %1 waiting: will try again</source>
        <translation>Stopiodd y cysoni hanner ffordd, %1 yn aros: bydd yn rhoi cynnig arall arni</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="322"/>
        <source>Synced: %1 sent, %2 receipt(s) recorded, %3 waiting</source>
        <translation>Wedi cysoni: %1 wedi'u hanfon, %2 derbynneb wedi'u cofnodi, %3 yn aros</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="276"/>
        <source>Syncing…</source>
        <translation>Yn cysoni…</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="140"/>
        <source>The address of your central store's sync service (https://…):</source>
        <translation>Cyfeiriad gwasanaeth cysoni eich storfa ganolog (https://…):</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="353"/>
        <source>The central store holds every case read of inspection %1 as it is on this laptop. Remove its cases, case reads and notes from this laptop now? This cannot be undone.</source>
        <translation>Mae'r storfa ganolog yn dal pob darlleniad achos o arolygiad %1 fel y mae ar y gliniadur hwn. Tynnu ei achosion, ei ddarlleniadau achos a'i nodiadau oddi ar y gliniadur hwn nawr? Ni ellir dadwneud hyn.</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="146"/>
        <source>Your organisation's certificate authority (Cancel if IT gave you none)</source>
        <translation>Awdurdod tystysgrifau eich sefydliad (Canslo os na roddodd TG un i chi)</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="73"/>
        <source>receipt received</source>
        <translation>derbynneb wedi dod</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="74"/>
        <source>refused</source>
        <translation>gwrthodwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="73"/>
        <source>sent</source>
        <translation>anfonwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/ui/views/field/sync_panel.py" line="73"/>
        <source>waiting</source>
        <translation>yn aros</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../hmip_desktop/core/words.py" line="42"/>
        <source>Added by lead</source>
        <translation>Ychwanegwyd gan yr arweinydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/core/words.py" line="34"/>
        <source>Agreed</source>
        <translation>Cytunwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/core/words.py" line="35"/>
        <source>Changed</source>
        <translation>Newidiwyd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/core/words.py" line="23"/>
        <source>Complete</source>
        <translation>Wedi'i gwblhau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/core/words.py" line="22"/>
        <source>In progress</source>
        <translation>Ar waith</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/core/words.py" line="21"/>
        <source>Not started</source>
        <translation>Heb ddechrau</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/core/words.py" line="29"/>
        <source>Re-allocated</source>
        <translation>Wedi'i ailddyrannu</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/core/words.py" line="36"/>
        <source>Returned to the reader</source>
        <translation>Dychwelwyd i'r darllenydd</translation>
    </message>
    <message>
        <location filename="../../hmip_desktop/core/words.py" line="41"/>
        <source>Sampled</source>
        <translation>Yn y sampl</translation>
    </message>
</context>
</TS>
