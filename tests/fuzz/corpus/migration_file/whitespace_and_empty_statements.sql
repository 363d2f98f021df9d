  -- orm:up  	
select 1;;;


;select 2
   
